# an unknown venue: exit 1 and the nearest spellings
run "$BS" plot top-authors --db t.db --venue NIPZ -o nipz.svg
