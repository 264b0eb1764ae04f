/* Editing operations on a form's fields. Text is kept as wide characters
 * so the cursor moves by character; conversion to UTF-8 (multibyte in the
 * current locale) happens only when a value is read out. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "xmalloc.h"
#include "model/form.h"

static struct tui_field *
form_current(struct tui_form *f)
{
	return &f->fields[f->focus];
}

static void
form_wipe(struct tui_field *fld)
{
	memset(fld->text, 0, (fld->cap + 1) * sizeof *fld->text);
	fld->len = 0;
	fld->cursor = 0;
}

/* Make a form with one empty field per spec row, focus on the first. */
void
tui_form_init(struct tui_form *f, const struct tui_field_spec *spec, size_t n)
{
	size_t	i;

	memset(f, 0, sizeof *f);
	f->fields = xcalloc(n, sizeof *f->fields);
	f->nfields = n;
	for (i = 0; i < n; i++) {
		f->fields[i].label = spec[i].label;
		f->fields[i].cap = spec[i].cap;
		f->fields[i].masked = spec[i].masked;
		f->fields[i].text = xcalloc(spec[i].cap + 1, sizeof(wchar_t));
	}
}

/* Wipe every field (passwords must not linger in freed memory) and free. */
void
tui_form_cleanup(struct tui_form *f)
{
	size_t	i;

	for (i = 0; i < f->nfields; i++) {
		form_wipe(&f->fields[i]);
		free(f->fields[i].text);
	}
	free(f->fields);
	memset(f, 0, sizeof *f);
}

/* Replace field i with a multibyte string (cut at the field's cap); the
 * cursor goes to its end. Not counted as unsent input. */
void
tui_form_set(struct tui_form *f, size_t i, const char *s)
{
	struct tui_field	*fld = &f->fields[i];
	mbstate_t		 st;
	size_t			 n;
	wchar_t			 wc;

	form_wipe(fld);
	memset(&st, 0, sizeof st);
	while (s != NULL && *s != '\0' && fld->len < fld->cap) {
		n = mbrtowc(&wc, s, MB_CUR_MAX, &st);
		if (n == (size_t)-1 || n == (size_t)-2) {
			/* not valid here: take the byte as it is */
			memset(&st, 0, sizeof st);
			wc = (unsigned char)*s;
			n = 1;
		}
		fld->text[fld->len++] = wc;
		s += n;
	}
	fld->cursor = fld->len;
}

/* Field i as a new multibyte string (the caller frees and, for masked
 * fields, should wipe it). Characters the locale cannot encode are
 * dropped. */
char *
tui_form_get(const struct tui_form *f, size_t i)
{
	const struct tui_field	*fld = &f->fields[i];
	mbstate_t		 st;
	char			*out, *p;
	size_t			 j, n;

	out = xmalloc(fld->len * MB_LEN_MAX + 1);
	p = out;
	memset(&st, 0, sizeof st);
	for (j = 0; j < fld->len; j++) {
		n = wcrtomb(p, fld->text[j], &st);
		if (n == (size_t)-1) {
			memset(&st, 0, sizeof st);
			continue;
		}
		p += n;
	}
	*p = '\0';
	return out;
}

/* True when field i holds nothing but blanks. */
bool
tui_form_is_blank(const struct tui_form *f, size_t i)
{
	size_t	j;

	for (j = 0; j < f->fields[i].len; j++)
		if (!iswspace((wint_t)f->fields[i].text[j]))
			return false;
	return true;
}

void
tui_form_focus(struct tui_form *f, size_t i)
{
	if (i < f->nfields)
		f->focus = i;
}

/* Move the focus dir fields on (negative: back), wrapping around. */
void
tui_form_focus_next(struct tui_form *f, int dir)
{
	size_t	n = f->nfields;

	if (n == 0)
		return;
	if (dir >= 0)
		f->focus = (f->focus + 1) % n;
	else
		f->focus = (f->focus + n - 1) % n;
}

/* Insert a printable character at the cursor. False (nothing changed)
 * for control characters or a full field. */
bool
tui_form_insert(struct tui_form *f, wchar_t wc)
{
	struct tui_field	*fld = form_current(f);

	if (!iswprint((wint_t)wc) || fld->len >= fld->cap)
		return false;
	memmove(&fld->text[fld->cursor + 1], &fld->text[fld->cursor],
	    (fld->len - fld->cursor) * sizeof *fld->text);
	fld->text[fld->cursor++] = wc;
	fld->text[++fld->len] = L'\0';
	f->edited = true;
	return true;
}

/* Delete the character before the cursor; false at the start. */
bool
tui_form_backspace(struct tui_form *f)
{
	struct tui_field	*fld = form_current(f);

	if (fld->cursor == 0)
		return false;
	fld->cursor--;
	return tui_form_delete(f);
}

/* Delete the character under the cursor; false at the end. */
bool
tui_form_delete(struct tui_form *f)
{
	struct tui_field	*fld = form_current(f);

	if (fld->cursor >= fld->len)
		return false;
	memmove(&fld->text[fld->cursor], &fld->text[fld->cursor + 1],
	    (fld->len - fld->cursor) * sizeof *fld->text);
	fld->len--;
	f->edited = true;
	return true;
}

/* Empty field i; false if it was empty already. */
bool
tui_form_clear(struct tui_form *f, size_t i)
{
	if (f->fields[i].len == 0)
		return false;
	form_wipe(&f->fields[i]);
	f->edited = true;
	return true;
}

/* Move the cursor by dir characters within the focused field. */
void
tui_form_move(struct tui_form *f, int dir)
{
	struct tui_field	*fld = form_current(f);

	if (dir < 0 && fld->cursor > 0)
		fld->cursor--;
	else if (dir > 0 && fld->cursor < fld->len)
		fld->cursor++;
}

/* Move the cursor to the end (true) or the start (false) of the field. */
void
tui_form_move_edge(struct tui_form *f, bool end)
{
	struct tui_field	*fld = form_current(f);

	fld->cursor = end ? fld->len : 0;
}

/* True when the user typed into the form since it was last sent and some
 * field holds text: quitting then would lose input, so it asks first. */
bool
tui_form_has_unsent(const struct tui_form *f)
{
	size_t	i;

	if (!f->edited)
		return false;
	for (i = 0; i < f->nfields; i++)
		if (f->fields[i].len > 0)
			return true;
	return false;
}

/* The form was submitted: what it holds is no longer unsent. */
void
tui_form_sent(struct tui_form *f)
{
	f->edited = false;
}
