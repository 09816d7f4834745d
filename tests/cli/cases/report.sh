# an unknown venue: exit 1 and the nearest spellings
run "$BS" report --db t.db --venue nipz -o nipz-report
