/* Errors the client shows to the user: an HTTP status (0 when there was no
 * reply) and one line of text, filled by the function that failed. */
#ifndef TUI_MODEL_ERR_H
#define TUI_MODEL_ERR_H

struct tui_err {
	long	status;		/* HTTP status, 0 for local or transport */
	char	msg[256];	/* UTF-8, shown as is */
};

void	tui_err_set(struct tui_err *, long, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
int	tui_err_from_reply(struct tui_err *, long, const char *);

#endif
