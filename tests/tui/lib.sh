# Shared by the tests/tui/*.sh scripts (sourced, not run): a private tmux
# server at 80x24 running revcare-tui, screen polling with a deadline, TAP
# output, and REST helpers (curl + python3) that make each test's own data
# on the server at $REVCARE_TEST_URL.
#
# A sourcing script sets `name` (for messages) before sourcing.

fail_setup() {
	echo "Bail out! $*"
	echo "${name:-tui}: $*" >&2
	exit 1
}

[ -n "${REVCARE_TEST_URL:-}" ] || fail_setup "REVCARE_TEST_URL is not" \
    "set: run this through the test harness, or set it to a running" \
    "revcared's base URL (e.g. http://127.0.0.1:8000)"
builddir=${REVCARE_BUILDDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
tui=$builddir/tui/revcare-tui
[ -x "$tui" ] || fail_setup "$tui not found: build it or set REVCARE_BUILDDIR"
command -v tmux >/dev/null 2>&1 || fail_setup "tmux is not installed"
command -v curl >/dev/null 2>&1 || fail_setup "curl is not installed"
py=/usr/bin/python3
[ -x "$py" ] || py=python3

admin_phone=9841385379
password='Sk18102004.'
api_url=$REVCARE_TEST_URL/api/v1
wait_secs=${REVCARE_TEST_WAIT:-15}

sock=revcare-tui-${name:-t}-$$
tmpdir=$(mktemp -d) || fail_setup "mktemp failed"
cleanup_hooks=
# at_cleanup CMD: run CMD (a string) when the script exits.
at_cleanup() {
	cleanup_hooks="$cleanup_hooks
$1"
}
cleanup() {
	eval "$cleanup_hooks"
	tmux -L "$sock" kill-server >/dev/null 2>&1
	# tmux leaves its socket file behind
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
	rm -rf "$tmpdir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE
# A dead client stays on screen, so a crash shows in the failure output.
printf 'set -g remain-on-exit on\nset -g status off\n' >"$tmpdir/tmux.conf"

tm() {
	tmux -L "$sock" -f "$tmpdir/tmux.conf" "$@"
}

# start [ENV=VALUE...] -- ARGS...: a fresh client in a new 80x24 session
# $t, given ARGS (and extra environment before --). The old session goes
# only after the new one exists, so the tmux server never runs empty.
t=
nsessions=0
start() {
	envs=
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		envs="$envs $1"
		shift
	done
	[ "${1:-}" = -- ] && shift
	old=$t
	nsessions=$((nsessions + 1))
	t=c$nsessions
	# shellcheck disable=SC2086
	tm new-session -d -s "$t" -x 80 -y 24 env LANG=C.UTF-8 \
	    LC_ALL=C.UTF-8 TZ=UTC $envs "$tui" "$@" || return 1
	[ -z "$old" ] || tm kill-session -t "$old"
	wait_for 'Password'
}

# sign_in: a fresh client signed in as the seeded admin, on the board.
sign_in() {
	start "$@" -- --server "$REVCARE_TEST_URL" --user "$admin_phone" ||
	    return 1
	keys -l "$password" && keys Enter && wait_for '1 Board'
}

keys() {
	tm send-keys -t "$t" "$@"
}

screen() {
	tm capture-pane -p -t "$t"
}

# wait_until COMMAND...: poll COMMAND until it succeeds; false once the
# deadline ($REVCARE_TEST_WAIT seconds) has passed.
wait_until() {
	deadline=$(($(date +%s) + wait_secs))
	while ! "$@"; do
		[ "$(date +%s)" -lt "$deadline" ] || return 1
		sleep 0.05
	done
}

shows() {
	screen | grep -qF -- "$1"
}

not_shows() {
	! shows "$1"
}

wait_for() {
	wait_until shows "$1"
}

wait_gone() {
	wait_until not_shows "$1"
}

# line_has PATTERN TEXT...: some screen line matching the grep -E
# PATTERN holds every TEXT.
line_has() {
	pat=$1
	shift
	screen | grep -E -- "$pat" | while IFS= read -r line; do
		ok=1
		for want in "$@"; do
			case $line in *"$want"*) ;; *) ok=0 ;; esac
		done
		[ "$ok" = 1 ] && echo yes && break
	done | grep -q yes
}

# row_shows ID TEXT...: the board row of booking ID holds every TEXT.
row_shows() {
	id=$1
	shift
	line_has "^[ !~] *$id " "$@"
}

# scroll_to TEXT: press j until TEXT is on the screen (a long page).
scroll_to() {
	i=0
	while ! shows "$1"; do
		i=$((i + 1))
		[ "$i" -le 60 ] || return 1
		keys j
		sleep 0.03
	done
}

# pick_row NAME: filter the picker to NAME and wait for its cursor (">")
# to be on NAME's row.
pick_row() {
	keys / && keys C-u && keys -l "$1" && keys Enter &&
	    wait_until line_has '│> ' "$1"
}

last_line_has() {
	last=$(screen | tail -n 1)
	for want in "$@"; do
		case $last in *"$want"*) ;; *) return 1 ;; esac
	done
}

n=0
failed=0
# check NAME COMMAND...: one TAP line; on failure the screen as comments.
check() {
	cname=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $cname"
	else
		echo "not ok $n - $cname"
		failed=$((failed + 1))
		screen | sed 's/^/# | /'
	fi
}

# --- the REST API ---

# api METHOD PATH [JSON] [TOKEN]: the body on stdout; the status in
# $tmpdir/status. TOKEN defaults to $token.
api() {
	method=$1 path=$2 body=${3:-} tok=${4:-${token:-}}
	set -- -s -o "$tmpdir/body" -w '%{http_code}' -X "$method"
	[ -n "$tok" ] && set -- "$@" -H "Authorization: Bearer $tok"
	[ -n "$body" ] && set -- "$@" -H 'Content-Type: application/json' \
	    --data-binary "$body"
	curl "$@" "$api_url$path" >"$tmpdir/status" 2>/dev/null ||
	    echo 000 >"$tmpdir/status"
	cat "$tmpdir/body"
}

status() {
	cat "$tmpdir/status"
}

# jget EXPR: evaluate the Python expression EXPR on the JSON on stdin
# (bound to j); prints str() of the result, nothing on error.
jget() {
	"$py" -c 'import json, sys
try:
    j = json.load(sys.stdin)
    v = eval(sys.argv[1])
    print("" if v is None else v)
except Exception:
    pass' "$1"
}

# login PHONE: an access token on stdout.
login() {
	curl -s --data-urlencode "username=$1" --data-urlencode \
	    "password=$password" "$api_url/auth/login" |
	    jget 'j["access_token"]'
}

# A phone number nobody has: 7 and nine digits from the pid and clock.
unique_phone() {
	"$py" -c 'import os, random, time
random.seed(os.getpid() * 1000003 + time.time_ns())
print(7000000000 + random.randrange(999999999))'
}

# The date N days from today in the business time zone.
day() {
	TZ=Asia/Kolkata date -d "+$1 day" +%F
}

# new_customer NAME: a customer with a car and an address; sets
# cust_token, cust_id, car_id, reg, addr_id.
new_customer() {
	ph=$(unique_phone)
	cust_id=$(api POST /customers/ "{\"name\":\"$1\",\"phone\":$ph,\
\"email\":\"t$ph@example.test\",\"password\":\"$password\"}" "" |
	    jget 'j["id"]')
	[ -n "$cust_id" ] || return 1
	cust_token=$(login "$ph")
	reg="TT$(printf '%s' "$ph" | cut -c3-10)"
	car_id=$(api POST /car/ "{\"reg_number\":\"$reg\",\"car_model_id\":1}" \
	    "$cust_token" | jget 'j["id"]')
	addr_id=$(api POST /address/ "{\"line1\":\"12 Test Street\",\
\"area_id\":1}" "$cust_token" | jget 'j["id"]')
	[ -n "$cust_token" ] && [ -n "$car_id" ] && [ -n "$addr_id" ]
}

# new_booking: a booking of service 1 for the customer of new_customer;
# its id on stdout.
new_booking() {
	api POST /bookings/ "{\"customer_car_id\":$car_id,\
\"pickup_address_id\":$addr_id,\"drop_address_id\":$addr_id,\
\"pickup_date\":\"$(day 2)\",\"drop_date\":\"$(day 3)\",\
\"pickup_timeslot_id\":1,\"drop_timeslot_id\":2,\
\"service_price\":{\"1\":0}}" "$cust_token" | jget 'j["id"]'
}

# new_mechanic NAME PICKUP_DROP ANALYSIS: a mechanic with categories 1..12;
# sets mech_id and mech_token.
new_mechanic() {
	ph=$(unique_phone)
	mech_id=$(api POST /mechanics/ "{\"name\":\"$1\",\"phone\":$ph,\
\"dob\":\"1990-01-01\",\"pickup_drop\":$2,\"analysis\":$3,\
\"password\":\"$password\",\
\"service_category_ids\":[1,2,3,4,5,6,7,8,9,10,11,12]}" |
	    jget 'j["id"]')
	[ -n "$mech_id" ] || return 1
	mech_token=$(login "$ph")
	[ -n "$mech_token" ]
}

# automation STATE: switch automatic assignment on or off (as admin).
automation() {
	api PUT "/settings/assignment_automation?state=$1" >/dev/null
	[ "$(status)" = 200 ]
}

# booking_field ID EXPR: EXPR (Python, j = the booking detail) of ID.
booking_field() {
	api GET "/bookings/$1" | jget "$2"
}
