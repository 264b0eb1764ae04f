/* Everything the views draw: the session, the sign-in form, which screen
 * and overlay is up, the notice line and work in flight. Pure state owned
 * by the UI thread; commands and replies change it, views read it. */
#ifndef TUI_MODEL_MODEL_H
#define TUI_MODEL_MODEL_H

#include <stdbool.h>

#include "model/form.h"
#include "model/session.h"

enum tui_screen {
	TUI_SCREEN_LOGIN,
	TUI_SCREEN_HOME
};

/* Input contexts: where a key is looked up in the command table. A text
 * context sends printable keys to the focused field instead. */
#define TUI_CTXS(X) \
	X(LOGIN, 0x01, "Sign-in form", true) \
	X(HOME, 0x02, "Home", false) \
	X(HELP, 0x04, "Help", false) \
	X(PROMPT, 0x08, "Question", false)

enum tui_ctx {
#define X(e, bit, title, text) TUI_CTX_##e = bit,
	TUI_CTXS(X)
#undef X
};

/* Questions asked in a box before acting. */
enum tui_prompt {
	TUI_PROMPT_NONE,
	TUI_PROMPT_QUIT		/* quit and lose unsent input? */
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

struct tui_model {
	struct tui_session	 session;
	struct tui_form		 login;
	enum tui_screen		 screen;
	bool			 help;		/* help overlay shown */
	int			 help_top;	/* first help row shown */
	enum tui_ctx		 help_ctx;	/* context help describes */
	enum tui_prompt		 prompt;
	enum tui_notice		 notice_kind;
	char			 notice[256];	/* one line under the form */
	int			 busy;		/* requests in flight */
	const char		*busy_what;	/* "Signing in", static */
	unsigned		 spin;		/* spinner frame */
};

void		 tui_model_init(struct tui_model *, const char *,
		     const char *);
void		 tui_model_cleanup(struct tui_model *);
enum tui_ctx	 tui_model_ctx(const struct tui_model *);
bool		 tui_ctx_is_text(enum tui_ctx);
const char	*tui_ctx_title(enum tui_ctx);
void		 tui_model_notice(struct tui_model *, enum tui_notice,
		     const char *);
void		 tui_model_show_login(struct tui_model *);
struct tui_form	*tui_model_form(struct tui_model *);

#endif
