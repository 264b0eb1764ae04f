#!/bin/sh
# The live stream across a server restart, in tmux (80x24): the console
# talks to a revcared of its own (same database as $REVCARE_TEST_URL, on a
# fixed port), which is killed and started again. The status bar goes to
# reconnecting, then live; changes made meanwhile through the main server
# reach the board without a key press; no event is lost or shown twice.
# Prints TAP.
set -u
name=reconnect
. "$(dirname "$0")/lib.sh"

[ -n "${REVCARE_TEST_DIR:-}" ] && [ -n "${REVCARE_TEST_STACK:-}" ] ||
    fail_setup "REVCARE_TEST_DIR and REVCARE_TEST_STACK are not set: run" \
    "this through tests/harness/run-all (it needs the stack to start a" \
    "second revcared)"

token=$(login "$admin_phone")
[ -n "$token" ] || fail_setup "cannot sign in as the seeded admin"
automation false || fail_setup "cannot switch assignment_automation off"
at_cleanup 'automation true'

node=tui-reconnect-$$
port=$("$py" -c 'import socket; s = socket.socket()
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
node_up() {
	"$REVCARE_TEST_STACK" revcared "$REVCARE_TEST_DIR" "$node" \
	    --port "$port" >/dev/null 2>&1
}
node_down() {
	pid=$(cat "$REVCARE_TEST_DIR/$node.pid" 2>/dev/null) || return 0
	kill "$pid" 2>/dev/null
	wait_until sh -c "! kill -0 $pid 2>/dev/null"
}
at_cleanup 'node_down; rm -f "$REVCARE_TEST_DIR/$node.pid"'
node_up || fail_setup "cannot start a second revcared on port $port"

tag=$$
new_customer "Ünal Çelik $tag" || fail_setup "cannot make a customer"
booking=$(new_booking)
[ -n "$booking" ] || fail_setup "cannot make a booking"
new_mechanic "Bala Tui$tag" true false || fail_setup "cannot make a mechanic"

live_on_the_second_node() {
	start -- --server "http://127.0.0.1:$port" --user "$admin_phone" &&
	    keys -l "$password" && keys Enter &&
	    wait_until last_line_has admin live && keys / &&
	    keys -l "#$booking" && keys Enter &&
	    wait_until row_shows "$booking" booked assign
}

killed_server_shows_reconnecting() {
	node_down && wait_until last_line_has reconnecting
}

changes_while_down_arrive_after_restart() {
	# through the main server: committed while the client cannot hear
	api POST /bookings/admin/assign "{\"mechanic_id\":\"$mech_id\",\
\"booking_id\":$booking,\"assignment_type_id\":1,\"note\":\"\"}" >/dev/null
	[ "$(status)" = 200 ] || return 1
	node_up && wait_until last_line_has admin live &&
	    wait_until row_shows "$booking" pickup "P:Bala Tui"
}

later_changes_arrive_live() {
	api POST /bookings/mechanic/progress "{\"booking_id\":$booking,\
\"description\":\"Collected after the restart\",\
\"images\":[\"https://example.com/r-$tag.jpg\"]}" "$mech_token" >/dev/null
	[ "$(status)" = 200 ] &&
	    wait_until row_shows "$booking" received validate
}

# The seqs of the booking's events the Events screen lists, ascending.
shown_seqs() {
	screen | awk -v b="$booking" '$1 ~ /^[0-9]+$/ && $5 == b { print $1 }' |
	    sort -n | tr '\n' ' ' | sed 's/ $//'
}

seqs_are() {
	[ "$(shown_seqs)" = "$1" ]
}

# The Events screen, filtered to the booking, comes to list exactly the
# seqs the server has for it (the history after the outage is read back
# in the background): none lost, none twice.
events_match_the_server_once_each() {
	want=$(api GET "/bookings/$booking/events" |
	    jget '" ".join(str(e["seq"]) for e in j)')
	[ -n "$want" ] || return 1
	keys 4 && keys / && keys -l "#$booking" && keys Enter &&
	    wait_for "filter: #$booking" || return 1
	if ! wait_until seqs_are "$want"; then
		echo "# events: want [$want], shown [$(shown_seqs)]"
		return 1
	fi
}

echo 1..5
check 'the console is live on a second revcared' live_on_the_second_node
check 'killing that revcared shows reconnecting' \
    killed_server_shows_reconnecting
check 'after the restart it is live and shows what changed meanwhile' \
    changes_while_down_arrive_after_restart
check 'a change after the restart arrives without a key press' \
    later_changes_arrive_live
check 'no event is lost or shown twice' events_match_the_server_once_each
[ "$failed" -eq 0 ]
