#!/bin/sh
# The sign-in screen of revcare-tui, driven in tmux (80x24) against the
# server at $REVCARE_TEST_URL; prints TAP. Each case starts a fresh client.
set -u

fail_setup() {
	echo "Bail out! $*"
	echo "login.sh: $*" >&2
	exit 1
}

[ -n "${REVCARE_TEST_URL:-}" ] || fail_setup "REVCARE_TEST_URL is not" \
    "set: run this through the test harness, or set it to a running" \
    "revcared's base URL (e.g. http://127.0.0.1:8000)"
builddir=${REVCARE_BUILDDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
tui=$builddir/tui/revcare-tui
[ -x "$tui" ] || fail_setup "$tui not found: build it or set REVCARE_BUILDDIR"
command -v tmux >/dev/null 2>&1 || fail_setup "tmux is not installed"

admin_phone=9841385379
admin_password='Sk18102004.'
wait_secs=${REVCARE_TEST_WAIT:-15}

sock=revcare-tui-login-$$
tmpdir=$(mktemp -d) || fail_setup "mktemp failed"
cleanup() {
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

# start ARGS...: a fresh client given ARGS, in a new 80x24 session $t.
# The old session goes only after the new one exists, so the tmux server
# never runs empty (it would exit, racing the next new-session).
t=
start() {
	old=$t
	t=c$n
	tm new-session -d -s "$t" -x 80 -y 24 env LANG=C.UTF-8 \
	    LC_ALL=C.UTF-8 "$tui" "$@" || return 1
	[ -z "$old" ] || tm kill-session -t "$old"
	wait_for 'Password'
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

# last_line_has TEXT...: the bottom row holds every TEXT.
last_line_has() {
	last=$(screen | tail -n 1)
	for want in "$@"; do
		case $last in *"$want"*) ;; *) return 1 ;; esac
	done
}

# row_has N TEXT: row N (from 1) holds TEXT.
row_has() {
	screen | sed -n "$1p" | grep -qF -- "$2"
}

not_shows() {
	! shows "$1"
}

wait_for() {
	wait_until shows "$1"
}

wait_last_line() {
	wait_until last_line_has "$@"
}

n=0
failed=0
# check NAME COMMAND...: one TAP line; on failure the screen as comments.
check() {
	name=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		failed=$((failed + 1))
		screen | sed 's/^/# | /'
	fi
}

unused_port() {
	python3 -c 'import socket; s = socket.socket();
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 9
}

login_screen_shows_three_fields() {
	start --server "$REVCARE_TEST_URL" || return 1
	s=$(screen)
	for label in Server Phone Password "$REVCARE_TEST_URL" "not signed in"
	do
		printf '%s\n' "$s" | grep -qF -- "$label" || return 1
	done
}

password_is_masked() {
	start --server "$REVCARE_TEST_URL" --user "$admin_phone" || return 1
	tm send-keys -t "$t" -l 'hunter2' && wait_for 'Password  *******' &&
	    ! screen | grep -qF hunter2
}

wrong_password_is_refused() {
	start --server "$REVCARE_TEST_URL" --user "$admin_phone" || return 1
	tm send-keys -t "$t" -l 'not-the-password' &&
	    tm send-keys -t "$t" Enter &&
	    wait_for 'Incorrect phone number or password.'
}

# Admins land on the board; the status bar turns live once the event
# stream has subscribed.
admin_signs_in() {
	start --server "$REVCARE_TEST_URL" --user "$admin_phone" || return 1
	tm send-keys -t "$t" -l "$admin_password" &&
	    tm send-keys -t "$t" Enter &&
	    wait_last_line Admin01 ADM000001 admin live &&
	    wait_for '1 Board' && wait_for 'open ·'
}

# Follows admin_signs_in: the client is on the home screen.
resize_redraws() {
	tm resize-window -t "$t" -x 120 -y 40 &&
	    wait_until row_has 40 Admin01 &&
	    tm resize-window -t "$t" -x 80 -y 24 &&
	    wait_until row_has 24 Admin01
}

# Follows admin_signs_in.
sign_out_returns_to_login() {
	tm send-keys -t "$t" L && wait_for 'Signed out.' &&
	    wait_last_line 'not signed in'
}

# q and ? are letters in a form: they go into the field, not to commands.
q_is_typed_in_the_form() {
	start --server "$REVCARE_TEST_URL" || return 1
	tm send-keys -t "$t" -l 'q?' && wait_for 'Phone     q?' &&
	    ! shows 'Help:'
}

# Follows q_is_typed_in_the_form: the form holds unsent input.
quit_with_unsent_input_asks_first() {
	tm send-keys -t "$t" F10 && wait_for 'Quit RevCare?' &&
	    tm send-keys -t "$t" n && wait_until not_shows 'Quit RevCare?' &&
	    shows 'Phone     q?'
}

unreachable_server_is_reported() {
	url=http://127.0.0.1:$(unused_port)
	start --server "$url" --user "$admin_phone" || return 1
	tm send-keys -t "$t" -l 'whatever' && tm send-keys -t "$t" Enter &&
	    wait_for "Cannot reach server at $url"
}

echo 1..9
check 'login screen shows three fields' login_screen_shows_three_fields
check 'password is masked' password_is_masked
check 'wrong password shows the server detail' wrong_password_is_refused
check 'seeded admin signs in; status bar shows Admin01, admin and live' \
    admin_signs_in
check 'resizing to 120x40 and back redraws' resize_redraws
check 'sign-out returns to the sign-in screen' sign_out_returns_to_login
check 'q and ? type into the form' q_is_typed_in_the_form
check 'quitting with unsent input asks first' \
    quit_with_unsent_input_asks_first
check 'unreachable server shows Cannot reach server' \
    unreachable_server_is_reported
[ "$failed" -eq 0 ]
