/*
 * The edit forms over the screen: a progress entry, the analysis, the
 * reason for a release, a mechanic's abilities and categories. Each form
 * is a table of fields {label, body key, kind, cap}; submitting turns the
 * fields into the request body by their kinds, refusing (with the field
 * focused and named) what is not a number, an amount or a yes/no. The
 * form stays open until the server accepts it (tui_dispatch_done closes
 * it), so a refusal can be corrected.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cJSON.h>

#include "money.h"
#include "xmalloc.h"
#include "app.h"
#include "editor.h"
#include "input/commands.h"
#include "net/api.h"
#include "net/rest.h"

/* One field of a form: its label, body key, kind and length cap. */
struct form_field {
	const char		*label;
	const char		*key;
	enum tui_field_kind	 kind;
	size_t			 cap;
};

static const struct form_field progress_form[] = {
	{ "Description",	"description",		TUI_FIELD_TEXT,	2000 },
	{ "Images",		"images",		TUI_FIELD_LIST,	2600 },
	{ "Completed",		"completed_service_ids", TUI_FIELD_IDS,	200 },
};

static const struct form_field analysis_form[] = {
	{ "Description",	"description",		TUI_FIELD_TEXT,	4000 },
	{ "Recommendation",	"recommendation",	TUI_FIELD_TEXT,	4000 },
	{ "Images",		"images",		TUI_FIELD_LIST,	2600 },
};

static const struct form_field release_form[] = {
	{ "Reason",		"reason",		TUI_FIELD_TEXT,	500 },
};

static const struct form_field mechanic_form[] = {
	{ "Pickup/drop",	"pickup_drop",		TUI_FIELD_BOOL,	5 },
	{ "Analysis",		"analysis",		TUI_FIELD_BOOL,	5 },
	{ "Categories",		"service_category_ids",	TUI_FIELD_IDS,	200 },
};

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

/* Open the edit form for what with n fields (labels copied). */
static void
editor_open(struct tui_app *app, const char *title,
    const struct tui_pending *what, const struct form_field *fields,
    size_t n)
{
	struct tui_edit		*e = &app->model.edit;
	struct tui_field_spec	 spec[TUI_EDIT_MAX_FIELDS];
	size_t			 i;

	tui_edit_close(e);
	e->open = true;
	e->what = *what;
	snprintf(e->title, sizeof e->title, "%s", title);
	for (i = 0; i < n && i < TUI_EDIT_MAX_FIELDS; i++) {
		snprintf(e->labels[i], sizeof e->labels[i], "%s",
		    fields[i].label);
		e->keys[i] = fields[i].key;
		e->kinds[i] = fields[i].kind;
		spec[i].label = e->labels[i];
		spec[i].cap = fields[i].cap;
		spec[i].masked = false;
	}
	tui_form_init(&e->form, spec, i);
}

/* "a, b, c" of a string vector into buf. */
static void
join_strv(char *const *v, size_t n, char *buf, size_t len)
{
	size_t	i, k = 0;

	buf[0] = '\0';
	for (i = 0; i < n && k < len; i++)
		k += (size_t)snprintf(buf + k, len - k, "%s%s",
		    i > 0 ? ", " : "", v[i]);
}

static void
join_longv(const long *v, size_t n, char *buf, size_t len)
{
	size_t	i, k = 0;

	buf[0] = '\0';
	for (i = 0; i < n && k < len; i++)
		k += (size_t)snprintf(buf + k, len - k, "%s%ld",
		    i > 0 ? ", " : "", v[i]);
}

/* The confirmed services of the detail as a legend: "3 Oil change
 * (done) · 5 Brake pads". */
static void
services_legend(const struct tui_detail *d, char *buf, size_t len)
{
	size_t	i, k;

	k = (size_t)snprintf(buf, len, "Confirmed services:");
	for (i = 0; i < d->nservices && k < len; i++) {
		if (d->services[i].status == NULL ||
		    strcmp(d->services[i].status, "confirmed") != 0)
			continue;
		k += (size_t)snprintf(buf + k, len - k, " %ld %s%s;",
		    d->services[i].id, d->services[i].title != NULL ?
		    d->services[i].title : "?",
		    d->services[i].completed ? " (done)" : "");
	}
}

/* Open the form that edits progress entry o->target of the open booking,
 * prefilled (the detail is loaded). */
int
tui_editor_progress(struct tui_app *app, const struct tui_offer *o)
{
	struct tui_model		*m = &app->model;
	const struct tui_progress	*p = NULL;
	struct tui_pending		 what = {
					    .kind = TUI_PENDING_EDIT_PROGRESS };
	char				 title[96], buf[2700];
	size_t				 i, n;

	for (i = 0; i < m->detail.nprogress; i++)
		if (m->detail.progress[i].id == o->target)
			p = &m->detail.progress[i];
	if (p == NULL) {
		tui_model_noticef(m, TUI_NOTICE_ERROR, "Progress #%ld is not "
		    "loaded; press r and try again.", o->target);
		return TUI_REDRAW;
	}
	what.booking = m->detail.id;
	what.target = p->id;
	what.status_id = m->detail.status_id;
	n = m->detail.status_id == PROTO_STATUS_IN_PROGRESS ? 3 : 2;
	snprintf(title, sizeof title, "Edit progress #%ld of booking #%ld",
	    p->id, m->detail.id);
	editor_open(app, title, &what, progress_form, n);
	tui_form_set(&m->edit.form, 0, p->description);
	join_strv(p->images, p->nimages, buf, sizeof buf);
	tui_form_set(&m->edit.form, 1, buf);
	if (n == 3) {
		join_longv(p->done, p->ndone, buf, sizeof buf);
		tui_form_set(&m->edit.form, 2, buf);
		services_legend(&m->detail, m->edit.legend,
		    sizeof m->edit.legend);
	} else
		snprintf(m->edit.legend, sizeof m->edit.legend,
		    "Images: links separated by commas (1 to 5).");
	return TUI_REDRAW;
}

/* Open the form that edits the open booking's analysis, prefilled, with
 * a price row per quoted service. */
int
tui_editor_analysis(struct tui_app *app)
{
	struct tui_model		*m = &app->model;
	const struct tui_analysis	*a = &m->detail.analysis;
	struct tui_pending		 what = {
					    .kind = TUI_PENDING_EDIT_ANALYSIS };
	struct form_field		 fields[TUI_EDIT_MAX_FIELDS];
	char				 qlabels[TUI_EDIT_MAX_FIELDS][48];
	char				 title[96], buf[2700];
	size_t				 i, n = NELEM(analysis_form);

	memcpy(fields, analysis_form, sizeof analysis_form);
	for (i = 0; i < a->nquotes && n < TUI_EDIT_MAX_FIELDS; i++, n++) {
		snprintf(qlabels[n], sizeof qlabels[n], "₹ %s",
		    a->quotes[i].title != NULL ? a->quotes[i].title : "?");
		fields[n] = (struct form_field){ qlabels[n], "price_quote",
		    TUI_FIELD_MONEY, 16 };
	}
	what.booking = m->detail.id;
	what.target = m->detail.id;
	what.status_id = m->detail.status_id;
	snprintf(title, sizeof title, "Edit the analysis of booking #%ld",
	    m->detail.id);
	editor_open(app, title, &what, fields, n);
	tui_form_set(&m->edit.form, 0, a->description);
	tui_form_set(&m->edit.form, 1, a->recommendation);
	join_strv(a->images, a->nimages, buf, sizeof buf);
	tui_form_set(&m->edit.form, 2, buf);
	for (i = 3; i < n; i++) {
		m->edit.ids[i] = a->quotes[i - 3].service_id;
		if (a->quotes[i - 3].price >= 0)
			tui_form_set(&m->edit.form, i, proto_money_format(
			    a->quotes[i - 3].price, buf, sizeof buf));
	}
	snprintf(m->edit.legend, sizeof m->edit.legend, "Images: links "
	    "separated by commas. ₹ rows: the quoted price of each booked "
	    "service, in rupees.");
	return TUI_REDRAW;
}

/* Open the form that asks why booking's active assignment is released. */
int
tui_editor_release(struct tui_app *app, const struct tui_offer *o,
    long booking, const struct tui_facts *f)
{
	struct tui_pending		 what = { .kind = TUI_PENDING_RELEASE };
	char				 title[128];

	what.booking = booking;
	what.target = o->release;
	what.status_id = f->status_id;
	snprintf(title, sizeof title, "Release the %s of booking #%ld%s%s",
	    proto_assignment_type_name(o->type), booking,
	    f->active_mech != NULL ? " from " : "",
	    f->active_mech != NULL ? f->active_mech : "");
	editor_open(app, title, &what, release_form, NELEM(release_form));
	snprintf(app->model.edit.legend, sizeof app->model.edit.legend,
	    "Why (3 to 500 characters). With automation on, the server "
	    "assigns someone else at once.");
	return TUI_REDRAW;
}

/* --- submitting --- */

/* Field i of the edit form, trimmed, as a new string. */
static char *
form_value(const struct tui_edit *e, size_t i)
{
	char	*s = tui_form_get(&e->form, i), *p, *end;

	for (p = s; isspace((unsigned char)*p); p++)
		continue;
	end = p + strlen(p);
	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	*end = '\0';
	memmove(s, p, (size_t)(end - p) + 1);
	return s;
}

/* A list "a, b c" split on commas and blanks into a JSON string array. */
static cJSON *
split_strings(const char *s)
{
	cJSON	*arr = cJSON_CreateArray();
	char	*copy = xstrdup(s), *w, *save;

	for (w = strtok_r(copy, ", \t", &save); w != NULL;
	    w = strtok_r(NULL, ", \t", &save))
		cJSON_AddItemToArray(arr, cJSON_CreateString(w));
	free(copy);
	return arr;
}

/* "3, 5" as a JSON integer array; NULL (bad, named in *bad) if a word is
 * not a whole number. */
static cJSON *
split_ids(const char *s, char *bad, size_t len)
{
	cJSON	*arr = cJSON_CreateArray();
	char	*copy = xstrdup(s), *w, *save, *end;
	long	 v;

	for (w = strtok_r(copy, ", \t", &save); w != NULL;
	    w = strtok_r(NULL, ", \t", &save)) {
		v = strtol(w, &end, 10);
		if (*end != '\0' || v <= 0) {
			snprintf(bad, len, "%s", w);
			cJSON_Delete(arr);
			free(copy);
			return NULL;
		}
		cJSON_AddItemToArray(arr, cJSON_CreateNumber((double)v));
	}
	free(copy);
	return arr;
}

/* "yes"/"no" (y/n, true/false, 1/0); -1 for anything else. */
static int
parse_yes(const char *s)
{
	static const char *const yes[] = { "yes", "y", "true", "1" };
	static const char *const no[] = { "no", "n", "false", "0" };
	size_t			 i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	}
	return -1;
}

static int
form_error(struct tui_app *app, size_t field, const char *fmt,
    const char *what)
{
	struct tui_model	*m = &app->model;
	char			 text[256];

	snprintf(text, sizeof text, fmt, what);
	tui_form_focus(&m->edit.form, field);
	tui_model_noticef(m, TUI_NOTICE_ERROR, "%s: %s",
	    m->edit.labels[field], text);
	return TUI_REDRAW;
}

/* Add field i (value v) to the body o by its kind; -1 after a notice
 * (in *bits) when the value is not of that kind. */
static int
form_add(struct tui_app *app, cJSON *o, size_t i, const char *v, int *bits)
{
	struct tui_edit	*e = &app->model.edit;
	cJSON		*arr, *q;
	char		 bad[64];
	int64_t		 paise;
	int		 y;

	switch (e->kinds[i]) {
	case TUI_FIELD_TEXT:
		cJSON_AddStringToObject(o, e->keys[i], v);
		break;
	case TUI_FIELD_LIST:
		if (*v != '\0')	/* blank: unchanged */
			cJSON_AddItemToObject(o, e->keys[i], split_strings(v));
		break;
	case TUI_FIELD_IDS:
		arr = split_ids(v, bad, sizeof bad);
		if (arr == NULL) {
			*bits = form_error(app, i,
			    "\"%s\" is not a positive whole number", bad);
			return -1;
		}
		cJSON_AddItemToObject(o, e->keys[i], arr);
		break;
	case TUI_FIELD_MONEY:
		if (*v == '\0')
			break;
		if (proto_money_parse(v, &paise) != 0) {
			*bits = form_error(app, i, "\"%s\" is not an amount "
			    "like 1500 or 1499.50", v);
			return -1;
		}
		q = cJSON_GetObjectItem(o, e->keys[i]);
		if (q == NULL)
			q = cJSON_AddObjectToObject(o, e->keys[i]);
		snprintf(bad, sizeof bad, "%ld", e->ids[i]);
		cJSON_AddStringToObject(q, bad, v);
		break;
	case TUI_FIELD_BOOL:
		y = parse_yes(v);
		if (y < 0) {
			*bits = form_error(app, i, "\"%s\": answer yes or no",
			    v);
			return -1;
		}
		cJSON_AddBoolToObject(o, e->keys[i], y);
		break;
	}
	return 0;
}

/* The body of the open form; NULL after a notice if a field is bad. */
static cJSON *
form_body(struct tui_app *app, int *bits)
{
	struct tui_edit	*e = &app->model.edit;
	cJSON		*o = cJSON_CreateObject();
	char		*v;
	size_t		 i;
	int		 rc;

	for (i = 0; i < e->form.nfields; i++) {
		v = form_value(e, i);
		rc = form_add(app, o, i, v, bits);
		free(v);
		if (rc != 0) {
			cJSON_Delete(o);
			return NULL;
		}
	}
	return o;
}

/* Ctrl-S/F2/Enter in an edit form: send it; it stays open until the
 * server accepts it. */
int
tui_editor_submit(struct tui_app *app)
{
	struct tui_edit		*e = &app->model.edit;
	cJSON			*o;
	char			*body;
	int			 bits = 0;
	static const struct {
		enum tui_pending_kind	 kind;
		enum tui_api		 api;
	} submit_api[] = {
		{ TUI_PENDING_EDIT_PROGRESS,	TUI_API_EDIT_PROGRESS },
		{ TUI_PENDING_EDIT_ANALYSIS,	TUI_API_EDIT_ANALYSIS },
		{ TUI_PENDING_RELEASE,		TUI_API_RELEASE },
		{ TUI_PENDING_MECHANIC,		TUI_API_MECHANIC_UPDATE },
	};
	size_t			 i;
	struct tui_session	*s = &app->model.session;
	struct tui_rest_req	*req;

	if (!e->open)
		return 0;
	o = form_body(app, &bits);
	if (o == NULL)
		return bits;
	body = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	for (i = 0; i < sizeof submit_api / sizeof submit_api[0]; i++)
		if (submit_api[i].kind == e->what.kind)
			break;
	if (i == sizeof submit_api / sizeof submit_api[0]) {
		free(body);
		return 0;
	}
	if (e->what.kind == TUI_PENDING_MECHANIC)
		req = tui_api_call(submit_api[i].api, s->server, s->token,
		    e->what.mech_id, NULL);
	else {
		char	a[24];

		snprintf(a, sizeof a, "%ld", e->what.target);
		req = tui_api_call(submit_api[i].api, s->server, s->token, a,
		    NULL);
	}
	tui_api_json(req, body);
	req->tag = e->what.booking;
	tui_app_send(app, req, "Saving");
	tui_form_sent(&e->form);
	tui_model_notice(&app->model, TUI_NOTICE_INFO, "Saving…");
	return TUI_REDRAW;
}

/* Esc in a form: close it, asking first when it holds unsent input. */
int
tui_editor_close(struct tui_app *app)
{
	struct tui_model	*m = &app->model;

	if (tui_form_has_unsent(&m->edit.form)) {
		m->prompt = TUI_PROMPT_DISCARD;
		return TUI_REDRAW;
	}
	tui_edit_close(&m->edit);
	return TUI_REDRAW;
}

/* e or Enter on the Mechanics screen: edit abilities and categories. */
int
tui_editor_mechanic(struct tui_app *app)
{
	struct tui_model		*m = &app->model;
	const struct tui_mech		*mech;
	struct tui_pending		 what = {
					    .kind = TUI_PENDING_MECHANIC };
	char				 title[128], buf[256];
	size_t				 i, k;

	mech = tui_mechs_at(&m->mechs, m->mechs.cursor);
	if (mech == NULL)
		return 0;
	snprintf(what.mech_id, sizeof what.mech_id, "%s", mech->id);
	snprintf(title, sizeof title, "Abilities of %s (%s)",
	    mech->name != NULL ? mech->name : "?", mech->id);
	editor_open(app, title, &what, mechanic_form, NELEM(mechanic_form));
	tui_form_set(&m->edit.form, 0, mech->pickup_drop ? "yes" : "no");
	tui_form_set(&m->edit.form, 1, mech->analysis ? "yes" : "no");
	join_longv(mech->cats, mech->ncats, buf, sizeof buf);
	tui_form_set(&m->edit.form, 2, buf);
	k = (size_t)snprintf(m->edit.legend, sizeof m->edit.legend,
	    "Categories:");
	for (i = 0; i < m->mechs.ncats && k < sizeof m->edit.legend; i++)
		k += (size_t)snprintf(m->edit.legend + k,
		    sizeof m->edit.legend - k, " %ld %s;", m->mechs.cats[i].id,
		    m->mechs.cats[i].name != NULL ? m->mechs.cats[i].name :
		    "?");
	return TUI_REDRAW;
}
