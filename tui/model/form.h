/* A form of one-line text fields (the sign-in form, later the dispatch
 * forms): wide-character buffers with a cursor each, and a focus. Pure. */
#ifndef TUI_MODEL_FORM_H
#define TUI_MODEL_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* One row per field of a form: what init copies into each field. */
struct tui_field_spec {
	const char	*label;
	size_t		 cap;		/* ceiling in characters */
	bool		 masked;	/* drawn as '*' (passwords) */
};

struct tui_field {
	const char	*label;		/* from the spec, not owned */
	wchar_t		*text;		/* cap + 1 wide chars, NUL-ended */
	size_t		 len;
	size_t		 cap;
	size_t		 cursor;	/* 0..len */
	bool		 masked;
};

struct tui_form {
	struct tui_field	*fields;
	size_t			 nfields;
	size_t			 focus;
	bool			 edited;	/* typed into since sent */
};

void	 tui_form_init(struct tui_form *, const struct tui_field_spec *,
	     size_t);
void	 tui_form_cleanup(struct tui_form *);
void	 tui_form_set(struct tui_form *, size_t, const char *);
char	*tui_form_get(const struct tui_form *, size_t);
bool	 tui_form_is_blank(const struct tui_form *, size_t);
void	 tui_form_focus(struct tui_form *, size_t);
void	 tui_form_focus_next(struct tui_form *, int);
bool	 tui_form_insert(struct tui_form *, wchar_t);
bool	 tui_form_backspace(struct tui_form *);
bool	 tui_form_delete(struct tui_form *);
bool	 tui_form_clear(struct tui_form *, size_t);
void	 tui_form_move(struct tui_form *, int);
void	 tui_form_move_edge(struct tui_form *, bool);
bool	 tui_form_has_unsent(const struct tui_form *);
void	 tui_form_sent(struct tui_form *);

#endif
