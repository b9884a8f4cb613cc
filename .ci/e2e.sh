#!/bin/sh
# End-to-end test: the real desktop binary under Xvfb on a temporary database.
# Starts bin/sdelka, waits for its window, takes a screenshot and checks it is
# not blank, logs in through the keyboard, closes the app with SIGTERM and then
# verifies that the database closed cleanly (sdelkactl check --clean) and that
# the automatic backup was written. Prints start-up time and idle memory.
set -eu
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/sdelka-e2e.XXXXXX)
passed=0
failed=0
fail() { echo "e2e: FAIL: $*"; failed=$((failed + 1)); }
ok() { echo "e2e: ok: $*"; passed=$((passed + 1)); }
cleanup() {
	[ -n "${app_pid:-}" ] && kill -9 "$app_pid" 2>/dev/null || true
	[ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
}
trap cleanup EXIT

disp=:$((90 + $$ % 100))
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY=$disp
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

db="$work/data/sdelka.db"
bin/sdelkactl demo --db "$db" >/dev/null
export LANGUAGE=en
start=$(date +%s%N)
bin/sdelka --db "$db" >"$work/app.log" 2>&1 &
app_pid=$!
win=""
for _ in $(seq 300); do
	win=$(xdotool search --onlyvisible --name '^(Sdelka|Сделка)$' 2>/dev/null | head -n 1 || true)
	[ -n "$win" ] && break
	sleep 0.1
done
if [ -z "$win" ]; then
	fail "no window appeared within 30 s"; cat "$work/app.log"; exit 1
fi
# The window maps before its first frame is drawn: wait for a non-blank screen.
blank=1
for _ in $(seq 100); do
	import -window root "$work/login.png" 2>/dev/null
	colours=$(convert "$work/login.png" -format '%k' info:)
	if [ "$colours" -gt 8 ]; then blank=0; break; fi
	sleep 0.1
done
ready=$(date +%s%N)
startup_ms=$(( (ready - start) / 1000000 ))
[ $blank -eq 0 ] && ok "login window drawn ($colours colours) in ${startup_ms} ms" || fail "window stayed blank"

# Log in as the demo administrator by keyboard and see the main window.
xdotool windowactivate --sync "$win" 2>/dev/null || xdotool windowfocus "$win" 2>/dev/null || true
sleep 0.3
xdotool type --delay 20 "admin"; xdotool key Tab; xdotool type --delay 20 "demo2026"; xdotool key Return
sleep 3
import -window root "$work/main.png"
diff=$(compare -metric AE "$work/login.png" "$work/main.png" null: 2>&1 || true)
diff=${diff%% *}
if [ "${diff%.*}" -gt 10000 ] 2>/dev/null; then ok "logged in: the screen changed ($diff pixels)"; else fail "login did not change the screen ($diff pixels)"; fi
sleep 2
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$app_pid/status")
echo "e2e: idle memory (RSS) after login: $((rss_kb / 1024)) MiB"

kill -TERM "$app_pid"
for _ in $(seq 100); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$app_pid" 2>/dev/null; then fail "app did not exit within 10 s of SIGTERM"; else ok "app exited on SIGTERM"; fi
wait "$app_pid" 2>/dev/null && ok "exit status 0" || fail "exit status $?"
app_pid=""
if bin/sdelkactl check --db "$db" --clean; then ok "database closed cleanly and passes sdelkactl check"; else fail "sdelkactl check --clean"; fi
if ls "$work/data/backups/"sdelka-auto-*.db >/dev/null 2>&1; then ok "automatic backup written on exit"; else fail "no automatic backup"; fi
if [ -n "${E2E_KEEP:-}" ]; then echo "e2e: screenshots kept in $work"; else rm -rf "$work"; fi
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
