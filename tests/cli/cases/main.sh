run "$BS" --help
run "$BS" nosuchcommand
# an unknown command: the nearest ones (edits or a prefix), exit 2
run "$BS" atuhors
run "$BS" comm
# --version names the libraries' versions too, which vary by system
"$BS" --version > version.txt 2>&1
run sed 's/ (.*//' version.txt
