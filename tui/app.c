/*
 * The poll loop. One UI thread owns curses and waits in poll() on three
 * descriptors: the terminal (keys), a self-pipe the signal handler writes
 * the signal number to (SIGWINCH resizes, SIGTERM/SIGHUP/SIGINT quit) and
 * the mailbox pipe through which the network threads post finished
 * requests and stream messages. Each turn handles what is ready, collects
 * reaction bits, acts on them (refetch, start or stop the stream) and
 * draws the model once if anything changed. The timeout is short only
 * while a spinner turns; otherwise the loop sleeps until the next timed
 * thing: a highlight to end, ages to redraw, the token to renew.
 */
#include <sys/ioctl.h>

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "auth.h"
#include "live.h"
#include "input/commands.h"
#include "net/api.h"
#include "net/mailbox.h"
#include "net/rest.h"
#include "views/view.h"

#define APP_SPIN_MS	100		/* spinner frame time */
#define APP_IDLE_MS	60000		/* longest sleep when idle */
#define APP_AGE_MS	30000		/* redraw ages in status this often */

/* Write end of the signal pipe, for the handler (which gets no argument):
 * set before the handlers are installed, cleared after they are removed. */
static volatile sig_atomic_t app_signal_fd = -1;

static const int app_signals[] = { SIGWINCH, SIGTERM, SIGHUP, SIGINT };

/* Who handles each finished request, by its tui_api kind. */
static const struct {
	enum tui_api	 api;
	int		(*fn)(struct tui_app *, const struct tui_rest_res *);
} app_replies[] = {
	{ TUI_API_LOGIN,		tui_auth_login_done },
	{ TUI_API_ME,			tui_auth_me_done },
	{ TUI_API_REFRESH,		tui_auth_refresh_done },
	{ TUI_API_LOGOUT,		tui_auth_logout_done },
	{ TUI_API_DASHBOARD,		tui_fetch_dashboard_done },
	{ TUI_API_EVENTS,		tui_fetch_events_done },
	{ TUI_API_BOOKING,		tui_fetch_detail_done },
	{ TUI_API_BOOKING_PROGRESS,	tui_fetch_detail_done },
	{ TUI_API_BOOKING_ANALYSIS,	tui_fetch_detail_done },
	{ TUI_API_BOOKING_EVENTS,	tui_fetch_detail_done },
	{ TUI_API_MECHANICS,		tui_fetch_mechanics_done },
	{ TUI_API_WORKLOAD,		tui_fetch_mechanics_done },
	{ TUI_API_CATEGORIES,		tui_fetch_misc_done },
	{ TUI_API_GST,			tui_fetch_misc_done },
	{ TUI_API_MAKERS,		tui_fetch_misc_done },
	{ TUI_API_ASSIGN,		tui_dispatch_done },
	{ TUI_API_RELEASE,		tui_dispatch_done },
	{ TUI_API_VALIDATE_PROGRESS,	tui_dispatch_done },
	{ TUI_API_EDIT_PROGRESS,	tui_dispatch_done },
	{ TUI_API_VALIDATE_ANALYSIS,	tui_dispatch_done },
	{ TUI_API_EDIT_ANALYSIS,	tui_dispatch_done },
	{ TUI_API_CANCEL,		tui_dispatch_done },
	{ TUI_API_MECHANIC_UPDATE,	tui_dispatch_done },
};

/* What the user reads when a request got no HTTP reply. %s is the server;
 * a second %s, where present, libcurl's reason. */
static const struct {
	enum tui_net_error	 net;
	const char		*fmt;
} net_messages[] = {
	{ TUI_NET_UNREACHABLE,	"Cannot reach server at %s" },
	{ TUI_NET_TIMEOUT,	"Cannot reach server at %s (timed out)" },
	{ TUI_NET_TOO_BIG,	"The reply from %s was too large" },
	{ TUI_NET_FAILED,	"Cannot reach server at %s (%s)" },
};

/*
 * Fill err from a failed reply: for no HTTP reply, one of net_messages
 * naming server; else the status and the server's detail text as it
 * sent it. Any thread; pure.
 */
void
tui_app_reply_error(const char *server, const struct tui_rest_res *res,
    struct tui_err *err)
{
	size_t	i;

	if (res->net == TUI_NET_OK) {
		tui_err_from_reply(err, res->status, res->body);
		return;
	}
	for (i = 0; i < sizeof net_messages / sizeof net_messages[0]; i++)
		if (net_messages[i].net == res->net)
			break;
	if (i == sizeof net_messages / sizeof net_messages[0])
		i = 0;
	if (res->net == TUI_NET_FAILED)
		tui_err_set(err, 0, net_messages[i].fmt, server,
		    res->error != NULL ? res->error : "unknown error");
	else
		tui_err_set(err, 0, net_messages[i].fmt, server);
}

static void
app_on_signal(int sig)
{
	int		saved = errno;
	unsigned char	c = (unsigned char)sig;
	ssize_t		n;

	if (app_signal_fd != -1)
		n = write(app_signal_fd, &c, 1);
	(void)n;
	errno = saved;
}

static int
app_signals_install(struct tui_app *app)
{
	struct sigaction	sa;
	size_t			i;
	int			j;

	if (pipe(app->sigpipe) == -1)
		return -1;
	for (j = 0; j < 2; j++) {
		fcntl(app->sigpipe[j], F_SETFL,
		    fcntl(app->sigpipe[j], F_GETFL) | O_NONBLOCK);
		fcntl(app->sigpipe[j], F_SETFD, FD_CLOEXEC);
	}
	app_signal_fd = app->sigpipe[1];
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sa.sa_handler = app_on_signal;
	for (i = 0; i < sizeof app_signals / sizeof app_signals[0]; i++)
		sigaction(app_signals[i], &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	return 0;
}

static void
app_signals_remove(struct tui_app *app)
{
	struct sigaction	sa;
	size_t			i;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_DFL;
	for (i = 0; i < sizeof app_signals / sizeof app_signals[0]; i++)
		sigaction(app_signals[i], &sa, NULL);
	app_signal_fd = -1;
	close(app->sigpipe[0]);
	close(app->sigpipe[1]);
}

/*
 * UI thread: send req on the REST worker (ownership passes), tagged with
 * the session's epoch, and count it as work in flight; what (static text)
 * is shown beside the spinner until the reply comes.
 */
void
tui_app_send(struct tui_app *app, struct tui_rest_req *req, const char *what)
{
	req->epoch = app->model.session.epoch;
	app->model.busy++;
	app->model.busy_what = what;
	tui_rest_submit(app->rest, req);
}

/* The terminal's new size, told to curses (which queues KEY_RESIZE). */
static int
app_resize(void)
{
	struct winsize	ws;

	if (ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	return TUI_REDRAW;
}

/* Signals that arrived since the last turn. */
static int
app_read_signals(struct tui_app *app)
{
	unsigned char	buf[32];
	ssize_t		n, i;
	int		bits = 0;

	for (;;) {
		n = read(app->sigpipe[0], buf, sizeof buf);
		if (n <= 0)
			break;
		for (i = 0; i < n; i++)
			bits |= buf[i] == SIGWINCH ? app_resize() : TUI_QUIT;
	}
	return bits;
}

/* One finished request: no longer in flight; applied unless stale. */
static int
app_reply(struct tui_app *app, const struct tui_rest_res *res)
{
	size_t	i;

	if (--app->model.busy == 0)
		app->model.busy_what = NULL;
	if (res->epoch != app->model.session.epoch)
		return TUI_REDRAW;	/* for a session since ended */
	for (i = 0; i < sizeof app_replies / sizeof app_replies[0]; i++)
		if ((int)app_replies[i].api == res->kind)
			return app_replies[i].fn(app, res);
	return TUI_REDRAW;
}

static int
app_read_mailbox(struct tui_app *app)
{
	struct tui_msg	*msg, *next;
	int		 bits = 0;

	for (msg = tui_mailbox_take(app->mailbox); msg != NULL; msg = next) {
		next = msg->next;
		if (msg->kind == TUI_MSG_REST)
			bits |= app_reply(app, msg->rest);
		else
			bits |= tui_live_message(app, msg);
		tui_msg_free(msg);
	}
	return bits;
}

/* Every key curses has ready; stops early on quit. */
static int
app_read_keys(struct tui_app *app)
{
	struct tui_key	key;
	wint_t		wc;
	int		rc, bits = 0;

	while ((bits & TUI_QUIT) == 0) {
		rc = get_wch(&wc);
		if (rc == ERR)
			break;
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE) {
			bits |= TUI_REDRAW;
			continue;
		}
		key.fn = rc == KEY_CODE_YES;
		key.code = (unsigned)wc;
		bits |= tui_command_key(app, key);
	}
	return bits;
}

/* Wall-clock milliseconds (highlights and ages are measured in it). */
static long long
app_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Shorten *ms to reach at (a wall-clock ms), when sooner. */
static void
app_wake_at(long long at, long long now, int *ms)
{
	long long	left;

	if (at <= 0)
		return;
	left = at - now;
	if (left < 0)
		left = 0;
	if (*ms < 0 || left < *ms)
		*ms = (int)left;
}

/* How long poll may sleep: a spinner frame while busy, else until the
 * next timed thing (bounded). */
static int
app_timeout(const struct tui_app *app)
{
	const struct tui_model		*m = &app->model;
	const struct tui_session	*s = &m->session;
	long long			 now = app_now_ms();
	int				 ms = -1;

	if (m->busy > 0)
		return APP_SPIN_MS;
	if (s->token != NULL && s->renew_at != 0)
		app_wake_at((long long)s->renew_at * 1000, now, &ms);
	app_wake_at(tui_board_next_flash(&m->board, now), now, &ms);
	app_wake_at(app->fetch.detail_due, now, &ms);
	if (s->signed_in && m->screen == TUI_SCREEN_BOARD)
		app_wake_at(now + APP_AGE_MS - now % APP_AGE_MS, now, &ms);
	if (ms < 0 || ms > APP_IDLE_MS)
		ms = s->signed_in ? APP_IDLE_MS : ms;
	return ms;
}

/* Act on the bits that ask for work rather than drawing. */
static int
app_react(struct tui_app *app, int bits)
{
	int	more = 0;

	if (bits & TUI_SIGNED_OUT) {
		tui_live_stop(app);
		tui_fetch_cleanup(&app->fetch);
		memset(&app->chain, 0, sizeof app->chain);
	}
	if (bits & TUI_SIGNED_IN)
		app->fetch.want_live = true;	/* after the first snapshot */
	if (bits & TUI_TOKEN_NEW)
		tui_live_token(app);
	if (bits & TUI_REFETCH)
		more |= tui_fetch_refetch(app);
	return more & ~(TUI_SIGNED_IN | TUI_SIGNED_OUT | TUI_TOKEN_NEW |
	    TUI_REFETCH);
}

static void
app_loop(struct tui_app *app)
{
	struct pollfd	fds[3];
	int		bits = TUI_REDRAW, n;
	unsigned	spin;

	for (;;) {
		app->model.now_ms = app_now_ms();
		bits |= tui_auth_tick(app, time(NULL));
		bits |= tui_fetch_tick(app);
		bits |= app_react(app, bits);
		spin = (unsigned)(app->model.now_ms / APP_SPIN_MS);
		if (app->model.busy > 0 && spin != app->model.spin) {
			app->model.spin = spin;
			bits |= TUI_REDRAW;
		}
		if (bits & TUI_QUIT)
			break;
		if (bits & TUI_REPAINT)
			clearok(curscr, TRUE);
		if (bits & (TUI_REDRAW | TUI_REPAINT)) {
			tui_view_draw(&app->model);
			doupdate();
		}
		bits = 0;

		fds[0].fd = STDIN_FILENO;
		fds[1].fd = app->sigpipe[0];
		fds[2].fd = tui_mailbox_fd(app->mailbox);
		for (n = 0; n < 3; n++) {
			fds[n].events = POLLIN;
			fds[n].revents = 0;
		}
		n = poll(fds, 3, app_timeout(app));
		if (n == -1 && errno != EINTR)
			break;
		app->model.now_ms = app_now_ms();	/* after the wait */
		if (n <= 0) {
			bits |= TUI_REDRAW;	/* a timer: ages, highlights */
			continue;
		}
		if (fds[1].revents & POLLIN)
			bits |= app_read_signals(app);
		if (fds[2].revents & POLLIN)
			bits |= app_read_mailbox(app);
		if (fds[0].revents & POLLIN)
			bits |= app_read_keys(app);
		else if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			bits |= TUI_QUIT;	/* the terminal went away */
	}
}

/* Curses set-up: raw keys (C-s, C-q and C-c reach us), no echo, keypad
 * codes, non-blocking reads (poll decides when to read). */
static int
app_curses_start(void)
{
	const char	*no_color;
	SCREEN		*scr;

	scr = newterm(NULL, stdout, stdin);
	if (scr == NULL)
		return -1;
	set_term(scr);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	no_color = getenv("NO_COLOR");
	if (no_color != NULL && *no_color != '\0')
		tui_view_init(TUI_SCHEME_MONO);
	else {
		if (has_colors())
			start_color();
		tui_view_init(has_colors() ? TUI_SCHEME_COLOR :
		    TUI_SCHEME_MONO);
	}
	return 0;
}

/*
 * Run the client until the user quits. Starts the REST worker and curses,
 * loops, then restores the terminal. Returns the exit status: 0, or 1 when
 * the terminal or a thread could not be set up (a line on stderr says
 * why). Needs setlocale and curl_global_init done by the caller.
 */
int
tui_app_run(const struct tui_options *opt)
{
	struct tui_app	app;
	const char	*term;
	int		 rc = 1;

	memset(&app, 0, sizeof app);
	app.sigpipe[0] = app.sigpipe[1] = -1;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "revcare-tui: needs a terminal\n");
		return 1;
	}
	tui_model_init(&app.model, opt->server, opt->user);
	app.mailbox = tui_mailbox_new();
	if (app.mailbox == NULL) {
		perror("revcare-tui: pipe");
		goto out;
	}
	app.rest = tui_rest_new(app.mailbox);
	if (app.rest == NULL) {
		fprintf(stderr, "revcare-tui: cannot start the network "
		    "thread\n");
		goto out;
	}
	if (app_signals_install(&app) != 0) {
		perror("revcare-tui: pipe");
		goto out;
	}
	if (app_curses_start() != 0) {
		term = getenv("TERM");
		fprintf(stderr, "revcare-tui: cannot use terminal type "
		    "\"%s\"\n", term != NULL ? term : "");
		app_signals_remove(&app);
		goto out;
	}
	app_loop(&app);
	endwin();
	app_signals_remove(&app);
	rc = 0;
out:
	tui_live_stop(&app);		/* threads before the mailbox */
	tui_rest_free(app.rest);
	tui_mailbox_free(app.mailbox);
	tui_fetch_cleanup(&app.fetch);
	tui_model_cleanup(&app.model);
	return rc;
}
