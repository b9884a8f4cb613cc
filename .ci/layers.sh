#!/bin/sh
# Fails when an import arrow points the wrong way (see docs/ARCHITECTURE.md).
set -eu
mod=$(go list -m)
tags="sqlite_fts5 sqlite_math_functions migrated_fynedo"
status=0
go list -tags "$tags" -f '{{.ImportPath}} {{join .Imports " "}}' ./... > /tmp/sdelka-layers.$$ || exit 1
while read -r pkg imports; do
	rel=${pkg#"$mod"/}
	for imp in $imports; do
		bad=""
		case "$rel" in
		model|model/*)
			case "$imp" in *.*/*) bad="model imports only the standard library" ;; esac
			[ "$imp" = "database/sql" ] && bad="model never touches the database"
			case "$imp" in "$mod"/*) bad="model imports no other package of the module" ;; esac ;;
		assets|assets/*)
			case "$imp" in *.*/*|"$mod"/ui*|"$mod"/repo|"$mod"/repo/*|"$mod"/reports*|"$mod"/cmd*) bad="assets imports only embed, the standard library and model" ;; esac ;;
		repo|repo/*)
			case "$imp" in "$mod"/ui*|"$mod"/reports*|"$mod"/cmd*|fyne.io/*) bad="repo never imports ui, reports or Fyne" ;; esac ;;
		reports|reports/*)
			case "$imp" in "$mod"/repo|"$mod"/repo/*|"$mod"/ui*|"$mod"/cmd*|fyne.io/*|database/sql|github.com/mattn/*) bad="reports never queries and never imports Fyne" ;; esac ;;
		ui|ui/*)
			case "$imp" in "$mod"/repo|"$mod"/repo/*|"$mod"/cmd*|database/sql|github.com/mattn/*|fyne.io/fyne/v2/app) bad="ui never imports repo, SQL or Fyne's app driver" ;; esac ;;
		cmd/sdelkactl)
			case "$imp" in fyne.io/*|"$mod"/ui*) bad="sdelkactl must build without Fyne" ;; esac ;;
		esac
		if [ -n "$bad" ]; then echo "layers: $pkg imports $imp: $bad"; status=1; fi
	done
done < /tmp/sdelka-layers.$$
rm -f /tmp/sdelka-layers.$$
[ $status -eq 0 ] && echo "layers: ok"
exit $status
