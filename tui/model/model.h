/* Everything the views draw: the session, the sign-in form, the board,
 * the open booking, mechanics, the event log, which screen and overlay
 * is up, the notice line and work in flight. Pure state owned by the UI
 * thread; commands and replies change it, views read it. */
#ifndef TUI_MODEL_MODEL_H
#define TUI_MODEL_MODEL_H

#include <stdbool.h>

#include "model/board.h"
#include "model/detail.h"
#include "model/events.h"
#include "model/form.h"
#include "model/mechanics.h"
#include "model/session.h"

/* X(enum suffix, key that shows it, title). The screens an admin moves
 * between with 1..5; the sign-in screen has no key. */
#define TUI_SCREENS(X) \
	X(LOGIN, 0, "Sign in") \
	X(BOARD, '1', "Board") \
	X(DETAIL, '2', "Booking") \
	X(MECHANICS, '3', "Mechanics") \
	X(EVENTS, '4', "Events") \
	X(HOME, '5', "Session")

enum tui_screen {
#define X(e, key, title) TUI_SCREEN_##e,
	TUI_SCREENS(X)
#undef X
	TUI_SCREEN_COUNT
};

/* Input contexts: where a key is looked up in the command table. A text
 * context sends printable keys to the focused field instead.
 * X(enum suffix, bit, title, text) */
#define TUI_CTXS(X) \
	X(LOGIN, 0x001, "Sign-in form", true) \
	X(HOME, 0x002, "Session", false) \
	X(HELP, 0x004, "Help", false) \
	X(PROMPT, 0x008, "Question", false) \
	X(BOARD, 0x010, "Board", false) \
	X(DETAIL, 0x020, "Booking", false) \
	X(MECHANICS, 0x040, "Mechanics", false) \
	X(EVENTS, 0x080, "Events", false) \
	X(PICKER, 0x100, "Pick a mechanic", false) \
	X(FORM, 0x200, "Form", true) \
	X(FILTER, 0x400, "Filter", true)

enum tui_ctx {
#define X(e, bit, title, text) TUI_CTX_##e = bit,
	TUI_CTXS(X)
#undef X
};

/* Questions asked in a box before acting. */
enum tui_prompt {
	TUI_PROMPT_NONE,
	TUI_PROMPT_QUIT,	/* quit and lose unsent input? */
	TUI_PROMPT_DISCARD,	/* close the form and lose its input? */
	TUI_PROMPT_CONFIRM	/* do the pending action? (prompt_text) */
};

enum tui_notice {
	TUI_NOTICE_NONE,
	TUI_NOTICE_INFO,
	TUI_NOTICE_ERROR
};

/* Fields of the sign-in form, in order. */
enum tui_login_field {
	TUI_LOGIN_SERVER,
	TUI_LOGIN_PHONE,
	TUI_LOGIN_PASSWORD,
	TUI_LOGIN_NFIELDS
};

/* The live event stream's state, shown at the right of the status bar.
 * X(enum suffix, label) */
#define TUI_STREAM_STATES(X) \
	X(NONE, "online") \
	X(CONNECTING, "connecting") \
	X(LIVE, "live") \
	X(RECONNECTING, "reconnecting") \
	X(OFFLINE, "offline")

enum tui_stream {
#define X(e, label) TUI_STREAM_##e,
	TUI_STREAM_STATES(X)
#undef X
};

/* The action a confirmation or form stands for, run when answered. */
enum tui_pending_kind {
	TUI_PENDING_NONE,
	TUI_PENDING_VALIDATE_PROGRESS,
	TUI_PENDING_VALIDATE_ANALYSIS,
	TUI_PENDING_CANCEL,
	TUI_PENDING_EDIT_PROGRESS,
	TUI_PENDING_EDIT_ANALYSIS,
	TUI_PENDING_RELEASE,
	TUI_PENDING_MECHANIC
};

struct tui_pending {
	enum tui_pending_kind	 kind;
	long			 booking;
	long			 target;	/* progress, assignment id */
	char			 mech_id[32];	/* TUI_PENDING_MECHANIC */
	int			 status_id;	/* of the booking when asked */
};

/* The assignment picker over the screen. */
struct tui_picker {
	bool		 open;
	long		 booking;
	int		 type;		/* assignment type id */
	long		 release;	/* reassign: this assignment first */
	int		 cursor;
	char		**order;	/* mechanic ids, fit ones first */
	size_t		 norder;
	char		 filter[128];	/* words a mechanic must match */
};

#define TUI_EDIT_MAX_FIELDS	16

/* How a form field becomes part of the request body. */
enum tui_field_kind {
	TUI_FIELD_TEXT,		/* "key": "text" */
	TUI_FIELD_LIST,		/* "key": ["a", "b"] from "a, b" */
	TUI_FIELD_IDS,		/* "key": [3, 5] from "3, 5" */
	TUI_FIELD_MONEY,	/* "key": {"<id>": "1500.00"}, blank: out */
	TUI_FIELD_BOOL		/* "key": true from yes/no */
};

/* An edit form over the screen (progress, analysis, release reason,
 * mechanic abilities), with the labels its fields point at. */
struct tui_edit {
	bool			 open;
	char			 title[96];
	struct tui_form		 form;
	struct tui_pending	 what;
	char			 labels[TUI_EDIT_MAX_FIELDS][48];
	const char		*keys[TUI_EDIT_MAX_FIELDS];	/* static */
	enum tui_field_kind	 kinds[TUI_EDIT_MAX_FIELDS];
	long			 ids[TUI_EDIT_MAX_FIELDS];	/* MONEY */
	char			 legend[512];	/* shown under the fields */
};

struct tui_model {
	struct tui_session	 session;
	struct tui_form		 login;
	enum tui_screen		 screen;
	enum tui_screen		 back;		/* where Esc goes from detail */
	bool			 help;		/* help overlay shown */
	int			 help_top;	/* first help row shown */
	enum tui_ctx		 help_ctx;	/* context help describes */
	enum tui_prompt		 prompt;
	char			 prompt_text[512];
	struct tui_pending	 pending;	/* what yes does */
	enum tui_notice		 notice_kind;
	char			 notice[256];	/* one line above the bar */
	int			 busy;		/* requests in flight */
	const char		*busy_what;	/* "Signing in", static */
	unsigned		 spin;		/* spinner frame */
	long long		 now_ms;	/* wall clock, ms, per turn */
	/* the dispatch console */
	struct tui_board	 board;
	struct tui_detail	 detail;
	struct tui_mechs	 mechs;
	struct tui_evlog	 evlog;
	struct tui_picker	 picker;
	struct tui_edit		 edit;
	bool			 filtering;	/* the filter line is open */
	struct tui_form		 filter;	/* its one field */
	enum tui_stream		 stream;
	int			 gst_percent;	/* -1 unknown */
	char			**makers;	/* manufacturer names */
	size_t			 nmakers;
};

void		 tui_model_init(struct tui_model *, const char *,
		     const char *);
void		 tui_model_cleanup(struct tui_model *);
enum tui_ctx	 tui_model_ctx(const struct tui_model *);
bool		 tui_ctx_is_text(enum tui_ctx);
const char	*tui_ctx_title(enum tui_ctx);
const char	*tui_screen_title(enum tui_screen);
int		 tui_screen_key(enum tui_screen);
void		 tui_model_notice(struct tui_model *, enum tui_notice,
		     const char *);
void		 tui_model_noticef(struct tui_model *, enum tui_notice,
		     const char *, ...) __attribute__((format(printf, 3, 4)));
void		 tui_model_show_login(struct tui_model *);
struct tui_form	*tui_model_form(struct tui_model *);
void		 tui_model_reset_console(struct tui_model *);
const char	*tui_stream_label(enum tui_stream);
void		 tui_picker_close(struct tui_picker *);
void		 tui_edit_close(struct tui_edit *);
char		*tui_model_filter_text(const struct tui_model *);
int		 tui_model_apply_makers(struct tui_model *, const char *);
const char	*tui_model_car_model(const struct tui_model *, const char *);

#endif
