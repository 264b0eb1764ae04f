#!/bin/sh
# A booking's whole dispatch side run from the keyboard in tmux (80x24)
# while the mechanic and the customer act by curl and their steps appear
# live: pickup, analysis (edited, validated), service, out for delivery,
# delivered. Prints TAP.
#
# It makes its own customer, booking and mechanic and switches
# assignment_automation off while it runs (restored when it exits). The
# cash collected at the door is marked paid in SQL ($REVCARE_TEST_PGURL),
# as tests/api/flow_test.c does, until the billing endpoint exists.
set -u
name=lifecycle
. "$(dirname "$0")/lib.sh"

[ -n "${REVCARE_TEST_PGURL:-}" ] || fail_setup "REVCARE_TEST_PGURL is not set"
command -v psql >/dev/null 2>&1 || fail_setup "psql is not installed"
token=$(login "$admin_phone")
[ -n "$token" ] || fail_setup "cannot sign in as the seeded admin"
automation false || fail_setup "cannot switch assignment_automation off"
at_cleanup 'automation true'
tag=$$
new_customer "Lakshmi Tui$tag" || fail_setup "cannot make a customer"
booking=$(new_booking)
[ -n "$booking" ] || fail_setup "cannot make a booking"
new_mechanic "Babu Tui$tag" true true || fail_setup "cannot make a mechanic"

# as_mech BODY: post progress on the booking as the mechanic.
as_mech() {
	api POST /bookings/mechanic/progress "{\"booking_id\":$booking,\
\"description\":\"$1\",\"images\":[\"https://example.com/$tag.jpg\"],\
\"services_completed_ids\":$2}" "$mech_token" >/dev/null
	[ "$(status)" = 200 ]
}

# assign_to TITLE: a, wait for the picker titled TITLE, pick our man.
assign_to() {
	keys a && wait_for "$1 of #$booking" && pick_row "Babu Tui$tag" &&
	    keys Enter
}

confirm() {
	keys v && wait_for 'This cannot be undone.' && keys y
}

pickup_is_assigned() {
	sign_in || return 1
	keys / && keys -l "#$booking" && keys Enter &&
	    wait_until row_shows "$booking" booked assign &&
	    assign_to 'Assign pickup' &&
	    wait_until row_shows "$booking" pickup "P:Babu Tui"
}

pickup_progress_is_validated() {
	as_mech 'Car collected' '[]' &&
	    wait_until row_shows "$booking" received validate &&
	    confirm && wait_until row_shows "$booking" received assign
}

analysis_is_assigned_and_arrives() {
	assign_to 'Assign analysis' &&
	    wait_until row_shows "$booking" analysis "A:Babu Tui" &&
	    api POST /bookings/mechanic/analysis "{\"booking_id\":$booking,\
\"description\":\"Oil is old\",\"recommendation\":\"Change it now\",\
\"images\":[\"https://example.com/a$tag.jpg\"],\"price_quote\":{\"1\":1500}}" \
	    "$mech_token" >/dev/null && [ "$(status)" = 200 ] &&
	    wait_until row_shows "$booking" analysed validate
}

analysis_quote_is_edited() {
	keys Enter && wait_for "Booking #$booking · analysed" &&
	    shows 'e edit analysis' && keys e &&
	    wait_for "Edit the analysis of booking #$booking" &&
	    line_has '₹ Basic Service' 1500.00 && keys Tab Tab Tab C-u &&
	    keys -l '1400' && keys C-s && wait_for "#$booking: saved." &&
	    [ "$(api GET "/bookings/$booking/analysis" |
	    jget 'j["quotes"][0]["price"]')" = 1400.00 ]
}

analysis_is_validated() {
	confirm && wait_for 'Analysis validated and sent to customer' &&
	    keys Escape && wait_until row_shows "$booking" analysed waiting
}

service_is_assigned_after_the_customer_confirms() {
	api PUT "/bookings/$booking/confirm-services" '{"service_ids":[1],
"payment_method_id":2}' "$cust_token" >/dev/null &&
	    [ "$(status)" = 200 ] &&
	    wait_until row_shows "$booking" in-progress assign &&
	    assign_to 'Assign service' &&
	    wait_until row_shows "$booking" in-progress "S:Babu Tui"
}

validating_the_last_service_completes_the_booking() {
	as_mech 'Basic service done' '[1]' &&
	    wait_until row_shows "$booking" in-progress validate &&
	    confirm && wait_until row_shows "$booking" completed assign
}

out_for_delivery_assigns_the_drop() {
	keys Enter && wait_for "Booking #$booking · completed" &&
	    shows 'a out for delivery (assign drop)' &&
	    assign_to 'Assign drop' && keys Escape &&
	    wait_until row_shows "$booking" 'out for dlv' "D:Babu Tui"
}

delivery_is_validated_and_leaves_the_board() {
	psql "$REVCARE_TEST_PGURL" -XAtqc "UPDATE offline_payments SET \
status_id = 15, collected_at = now() WHERE booking_id = $booking" \
	    >/dev/null &&
	    as_mech 'Handed over to the customer' '[]' &&
	    wait_until row_shows "$booking" delivered validate &&
	    confirm && wait_for 'No booking matches the filter' &&
	    [ "$(api GET "/bookings/$booking" "" "$cust_token" |
	    jget 'j["status"]')" = delivered ]
}

echo 1..9
check 'the pickup is assigned from the picker' pickup_is_assigned
check "the mechanic's pickup arrives live and is validated" \
    pickup_progress_is_validated
check 'the analysis is assigned and the report arrives live' \
    analysis_is_assigned_and_arrives
check "the analysis' quote is edited" analysis_quote_is_edited
check 'the analysis is validated; the board waits for the customer' \
    analysis_is_validated
check "the customer's confirmation arrives; the service is assigned" \
    service_is_assigned_after_the_customer_confirms
check 'validating the last service completes the booking' \
    validating_the_last_service_completes_the_booking
check 'out for delivery assigns the drop' out_for_delivery_assigns_the_drop
check 'the delivery is validated and the booking leaves the board' \
    delivery_is_validated_and_leaves_the_board
[ "$failed" -eq 0 ]
