#!/bin/sh
# The admin's dispatch console in tmux (80x24) against the server at
# $REVCARE_TEST_URL: the board, assigning from the picker, a change made by
# curl arriving live, the booking detail, edit, validate, cancel with its
# fee, a refusal shown as the server words it, the mechanics screen, help,
# quitting with unsent input, resizing and monochrome. Prints TAP.
#
# It makes its own customer (a UTF-8 name), booking and mechanic, and
# switches assignment_automation off while it assigns by hand (restored
# when it exits).
set -u
name=dispatch
. "$(dirname "$0")/lib.sh"

token=$(login "$admin_phone")
[ -n "$token" ] || fail_setup "cannot sign in as the seeded admin"
automation false || fail_setup "cannot switch assignment_automation off"
at_cleanup 'automation true'
tag=$$
who="Zoë Ångström $tag"
new_customer "$who" || fail_setup "cannot make a customer"
booking=$(new_booking)
[ -n "$booking" ] || fail_setup "cannot make a booking: $(cat "$tmpdir/body")"
new_mechanic "Aadi Tui$tag" true false || fail_setup "cannot make a mechanic"
mech=$mech_id
photo=https://example.com/tui-$tag.jpg

# filter_board TEXT: show only what matches TEXT on the current list.
filter_to() {
	keys / && keys C-u && keys -l "$1" && keys Enter &&
	    wait_for "filter: $1"
}

sees_the_new_booking() {
	sign_in || return 1
	filter_to "#$booking" &&
	    wait_until row_shows "$booking" 'Zoë Ång' "$reg" booked assign
}

status_bar_says_live() {
	wait_until last_line_has Admin01 ADM000001 admin live
}

picker_shows_abilities_categories_and_jobs() {
	keys a && wait_for "Assign pickup of #$booking" &&
	    shows 'Can    Categories  Jobs  Hours  Why not' &&
	    pick_row Arunachalam && line_has Arunachalam 'no pickup/drop' &&
	    pick_row "Aadi Tui$tag" && line_has "Aadi Tui$tag" 'P/D'  '1 2 3 4'
}

assigning_changes_the_row() {
	pick_row "Aadi Tui$tag" && keys Enter &&
	    wait_until row_shows "$booking" pickup "P:Aadi Tui" &&
	    [ "$(booking_field "$booking" 'j["status"]')" = pickup ] &&
	    [ "$(api GET "/bookings/$booking/events" | jget '[e["data"].get(
"mechanic_id") for e in j if e["kind"] == "assigned"][-1]')" = "$mech" ]
}

curl_change_arrives_without_a_key() {
	api POST /bookings/mechanic/progress "{\"booking_id\":$booking,\
\"description\":\"Car collected, all fine\",\"images\":[\"$photo\"]}" \
	    "$mech_token" >/dev/null
	[ "$(status)" = 200 ] &&
	    wait_until row_shows "$booking" received validate
}

detail_shows_places_photos_and_history() {
	keys Enter && wait_for "Booking #$booking · received" &&
	    shows "$who" && shows "12 Test Street, Adyar" &&
	    shows "a assign analysis · v validate progress" &&
	    scroll_to "Photos: $photo" &&
	    scroll_to "pickup assigned to Aadi Tui$tag" &&
	    scroll_to "status pickup → received" && keys g
}

edit_saves_the_progress() {
	keys e && wait_for "Edit progress #" && keys End &&
	    keys -l ' (seen)' && keys C-s && wait_for "#$booking: saved." &&
	    [ "$(api GET "/bookings/$booking/progress" |
	    jget 'j[-1]["description"]')" = "Car collected, all fine (seen)" ]
}

validate_asks_then_validates() {
	keys v && wait_for 'This cannot be undone.' &&
	    shows "Validate progress #" && keys y &&
	    wait_for 'Progress validated and sent to customer' &&
	    [ "$(api GET "/bookings/$booking/progress" |
	    jget 'j[-1]["validated"]')" = True ]
}

cancel_shows_the_fee_then_cancels() {
	keys c && wait_for 'Fee ₹100.00' && shows "Cancel booking #$booking" &&
	    keys y && wait_for "Booking #$booking cancelled. Fee ₹100.00" &&
	    [ "$(booking_field "$booking" 'j["status"]')" = cancelled ]
}

refusal_is_shown_plainly() {
	keys a && wait_for "Assign drop of #$booking" &&
	    pick_row Arunachalam && keys Enter &&
	    wait_for 'Refused: Mechanic is not qualified for pickup or drop.'
}

mechanic_abilities_and_categories_are_edited() {
	keys 3 && wait_for 'P/D   Anl   Categories' && filter_to "$mech" &&
	    keys e && wait_for "Abilities of Aadi Tui$tag" &&
	    keys Tab Tab C-u && keys -l '3, 10' && keys C-s &&
	    wait_for "Saved: Abilities of Aadi Tui$tag" &&
	    [ "$(api GET "/mechanics/?mechanic_id=$mech" |
	    jget '[c["id"] for c in j[0]["service_categories"]]')" = '[3, 10]' ]
}

help_lists_every_key_of_the_board() {
	keys 1 && keys '?' && wait_for 'Help: Board' || return 1
	for want in 'Enter l Right' 'Assign or reassign' 'Validate the open' \
	    'Edit the open' 'Cancel the booking' 'Filter:' 'Sort by' \
	    'Reload from the server'; do
		shows "$want" || return 1
	done
	keys Escape && wait_gone 'Help: Board'
}

quit_with_unsent_input_asks_first() {
	keys 3 && keys e && wait_for "Abilities of" && keys -l 'x' &&
	    keys F10 && wait_for 'Quit RevCare?' && keys n &&
	    wait_gone 'Quit RevCare?' && shows "Abilities of" &&
	    keys Escape && wait_for 'Close the form?' && keys y &&
	    wait_gone "Abilities of"
}

resizing_splits_the_mechanics_per_type() {
	keys 1 && keys o && tm resize-window -t "$t" -x 120 -y 40 &&
	    wait_for 'Pickup      Analysis    Service     Drop' &&
	    tm resize-window -t "$t" -x 80 -y 24 &&
	    wait_for 'Mechanic        Action' &&
	    wait_until last_line_has admin live
}

no_color_gives_a_monochrome_board() {
	sign_in NO_COLOR=1 || return 1
	wait_until last_line_has live || return 1
	esc=$(printf '\033')
	! tm capture-pane -e -p -t "$t" |
	    grep -Eq "$esc\[([0-9]*;)*[34][0-7](;[0-9]*)*m" &&
	    tm capture-pane -e -p -t "$t" | grep -Eq "$esc\[([0-9]*;)*7m"
}

echo 1..15
check 'admin signs in and sees the new booking on the board' \
    sees_the_new_booking
check 'the status bar shows server, user, role and live' status_bar_says_live
check 'a opens the picker with abilities, categories and open jobs' \
    picker_shows_abilities_categories_and_jobs
check 'assigning a mechanic from the picker changes the row' \
    assigning_changes_the_row
check 'a change made by curl appears on the board without a key press' \
    curl_change_arrives_without_a_key
check 'Enter opens the booking: places, photo links, history' \
    detail_shows_places_photos_and_history
check 'e edits the open progress entry' edit_saves_the_progress
check 'v asks first, then validates the progress' \
    validate_asks_then_validates
check 'c shows the fee first, then cancels' cancel_shows_the_fee_then_cancels
check "the server's refusal is shown in its words" refusal_is_shown_plainly
check 'the mechanics screen edits abilities and categories' \
    mechanic_abilities_and_categories_are_edited
check '? lists every key of the board' help_lists_every_key_of_the_board
check 'quitting with unsent input in a form asks first' \
    quit_with_unsent_input_asks_first
check 'at 120x40 each assignment type has its column; back at 80x24' \
    resizing_splits_the_mechanics_per_type
check 'NO_COLOR gives a monochrome board' no_color_gives_a_monochrome_board
[ "$failed" -eq 0 ]
