/*
 * The booking detail: a heading, the people and places, the mechanics by
 * assignment type, the actions the state machine offers now, the services
 * with their prices, the analysis, the progress entries with their photo
 * links and the event history. It is one long page of wrapped lines that
 * j/k scroll; the same code measures it (for the commands' scroll limit)
 * and draws it.
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "money.h"
#include "model/offers.h"
#include "views/draw.h"
#include "views/view.h"

#define DETAIL_LABEL_W	11

/* Where lines go: counted always, drawn when they fall in the window. */
struct page {
	int	line;		/* next line's number */
	int	top;		/* first line shown */
	int	y;		/* screen row of line top */
	int	height;		/* rows shown; 0: measure only */
	int	width;
};

/* One paragraph at indent, wrapped; continuation rows at indent too. */
static void
put(struct page *p, int indent, enum tui_el el, const char *text)
{
	int	skip = p->top - p->line, rows, first;

	if (skip < 0)
		skip = 0;
	first = p->y + (p->line + skip - p->top);
	rows = tui_draw_wrap_part(first, indent, p->width - indent - 1,
	    p->height > 0 ? skip : 1 << 20, p->height > 0 ?
	    p->top + p->height - p->line - skip : 0, tui_colors_attr(el),
	    text);
	p->line += rows;
}

/* "Label      text" with the text wrapped beside the label. */
static void
put_label(struct page *p, const char *label, const char *text)
{
	int	line = p->line;

	if (p->height > 0 && line >= p->top && line < p->top + p->height)
		tui_draw_text(p->y + line - p->top, 1, DETAIL_LABEL_W,
		    tui_colors_attr(TUI_EL_LABEL), label);
	put(p, 1 + DETAIL_LABEL_W, TUI_EL_NORMAL, text);
}

static void
put_heading(struct page *p, const char *title)
{
	put(p, 0, TUI_EL_NORMAL, "");
	put(p, 1, TUI_EL_HEADING, title);
}

static const char *
money(int64_t paise, char *buf, size_t len)
{
	if (paise < 0)
		snprintf(buf, len, "%s", tui_view_dash());
	else
		proto_money_format(paise, buf, len);
	return buf;
}

static const char *
nz(const char *s)
{
	return s != NULL ? s : tui_view_dash();
}

static void
detail_place(struct page *p, const char *label, const struct tui_place *pl)
{
	char	buf[512];

	snprintf(buf, sizeof buf, "%s %s · %s%s%s, %s %ld", pl->date,
	    nz(pl->timeslot), nz(pl->line1), pl->line2 != NULL ? ", " : "",
	    pl->line2 != NULL ? pl->line2 : "", nz(pl->area), pl->pincode);
	put_label(p, label, buf);
}

/* The mechanics of each assignment type, from the board's row. */
static void
detail_mechanics(const struct tui_model *m, struct page *p)
{
	static const int	 order[] = { PROTO_ASSIGN_PICKUP,
				    PROTO_ASSIGN_ANALYSIS, PROTO_ASSIGN_SERVICE,
				    PROTO_ASSIGN_DROP };
	const struct tui_row	*r = tui_board_find(&m->board, m->detail.id);
	char			 buf[512];
	size_t			 k = 0, i;
	int			 t;

	buf[0] = '\0';
	for (i = 0; r != NULL && i < sizeof order / sizeof order[0]; i++) {
		t = order[i];
		if (r->slot[t].mech_name == NULL)
			continue;
		k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s %s (%s)",
		    k > 0 ? " · " : "", proto_assignment_type_name(t),
		    r->slot[t].mech_name, r->slot[t].active ? "active" :
		    r->slot[t].released ? "released" : "done");
		if (k >= sizeof buf)
			break;
	}
	put_label(p, "Mechanics", k > 0 ? buf : "none assigned yet");
}

/* The actions the state machine offers now, with their keys. */
static void
detail_actions(const struct tui_model *m, struct page *p)
{
	static const char	 keys[TUI_VERB_COUNT] = { 'a', 'v', 'e', 'c',
				    'x' };
	const struct tui_row	*r = tui_board_find(&m->board, m->detail.id);
	struct tui_facts	 f;
	struct tui_offer	 o[12];
	char			 buf[512], label[96];
	size_t			 n, i, k = 0;

	if (r != NULL)
		tui_facts_from_row(r, &f);
	else {
		memset(&f, 0, sizeof f);
		f.booking = m->detail.id;
	}
	tui_facts_add_detail(&m->detail, &f);
	n = tui_offers(&f, o, sizeof o / sizeof o[0]);
	buf[0] = '\0';
	for (i = 0; i < n && k < sizeof buf; i++) {
		tui_offer_label(&o[i], &f, label, sizeof label);
		k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%c %s",
		    k > 0 ? " · " : "", keys[o[i].verb], label);
	}
	put_label(p, "Actions", n > 0 ? buf : "none for an admin now");
}

static void
detail_services(const struct tui_detail *d, struct page *p)
{
	const struct tui_bservice	*s;
	char				 buf[512], a[32], b[32];
	size_t				 i;

	put_heading(p, "Services");
	for (i = 0; i < d->nservices; i++) {
		s = &d->services[i];
		snprintf(buf, sizeof buf, "%ld %s (%s) · %s · estimate %s · "
		    "quoted %s%s", s->id, nz(s->title), nz(s->category),
		    nz(s->status), money(s->est_price, a, sizeof a),
		    money(s->price, b, sizeof b), s->completed ? " · done" :
		    "");
		put(p, 3, s->completed ? TUI_EL_GOOD : TUI_EL_NORMAL, buf);
	}
	for (i = 0; i < d->nrecs; i++) {
		snprintf(buf, sizeof buf, "recommended %ld %s · %s%s",
		    d->recs[i].service_id, nz(d->recs[i].title),
		    money(d->recs[i].price, a, sizeof a), d->recs[i].selected ?
		    " · selected" : "");
		put(p, 3, TUI_EL_NORMAL, buf);
	}
	snprintf(buf, sizeof buf, "Total estimated %s · final %s · payment "
	    "%s%s%s", money(d->total_est, a, sizeof a), money(d->total_final,
	    b, sizeof b), nz(d->payment_method), d->invoice_number != NULL ?
	    " · invoice " : "", d->invoice_number != NULL ?
	    d->invoice_number : "");
	put(p, 3, TUI_EL_LABEL, buf);
}

static void
put_photos(struct page *p, int indent, char *const *v, size_t n)
{
	char	buf[1024];
	size_t	i, k = 0;

	if (n == 0)
		return;
	k = (size_t)snprintf(buf, sizeof buf, "Photos:");
	for (i = 0; i < n && k < sizeof buf; i++)
		k += (size_t)snprintf(buf + k, sizeof buf - k, " %s", v[i]);
	put(p, indent, TUI_EL_KEY, buf);
}

static void
detail_analysis(const struct tui_detail *d, struct page *p)
{
	const struct tui_analysis	*a = &d->analysis;
	char				 buf[512], t[32], x[32], y[32];
	size_t				 i;

	put_heading(p, "Analysis");
	if (!a->present) {
		put(p, 3, TUI_EL_DIM, (d->have & TUI_DETAIL_ANALYSIS) ?
		    "No analysis yet." : "Loading…");
		return;
	}
	tui_view_time(a->created_at, t, sizeof t);
	snprintf(buf, sizeof buf, "by %s · %s · %s", nz(a->mech_name), t,
	    a->validated ? "validated" : "NOT VALIDATED");
	put(p, 3, a->validated ? TUI_EL_GOOD : TUI_EL_ACT_VALIDATE, buf);
	put(p, 3, TUI_EL_NORMAL, nz(a->description));
	snprintf(buf, sizeof buf, "Recommendation: %s", nz(a->recommendation));
	put(p, 3, TUI_EL_NORMAL, buf);
	put_photos(p, 3, a->images, a->nimages);
	for (i = 0; i < a->nquotes; i++) {
		snprintf(buf, sizeof buf, "quote %ld %s: %s (estimate %s)",
		    a->quotes[i].service_id, nz(a->quotes[i].title),
		    money(a->quotes[i].price, x, sizeof x),
		    money(a->quotes[i].est_price, y, sizeof y));
		put(p, 5, TUI_EL_NORMAL, buf);
	}
	if (a->total >= 0) {
		snprintf(buf, sizeof buf, "subtotal %s + GST %d%% = %s",
		    money(a->subtotal, x, sizeof x), a->gst_percent,
		    money(a->total, y, sizeof y));
		put(p, 5, TUI_EL_LABEL, buf);
	}
}

static void
detail_progress(const struct tui_detail *d, struct page *p)
{
	const struct tui_progress	*pr;
	char				 buf[512], t[32], v[32];
	size_t				 i;

	put_heading(p, "Progress");
	if (d->nprogress == 0)
		put(p, 3, TUI_EL_DIM, (d->have & TUI_DETAIL_PROGRESS) ?
		    "No progress posted yet." : "Loading…");
	for (i = 0; i < d->nprogress; i++) {
		pr = &d->progress[i];
		tui_view_time(pr->created_at, t, sizeof t);
		tui_view_time(pr->validated_at, v, sizeof v);
		if (pr->validated)
			snprintf(buf, sizeof buf, "#%ld %s · %s · %s · "
			    "validated %s", pr->id, nz(pr->status),
			    nz(pr->mech_name), t, v);
		else
			snprintf(buf, sizeof buf, "#%ld %s · %s · %s · NOT "
			    "VALIDATED", pr->id, nz(pr->status),
			    nz(pr->mech_name), t);
		put(p, 3, pr->validated ? TUI_EL_GOOD : TUI_EL_ACT_VALIDATE,
		    buf);
		put(p, 5, TUI_EL_NORMAL, nz(pr->description));
		put_photos(p, 5, pr->images, pr->nimages);
	}
}

static void
detail_history(const struct tui_detail *d, struct page *p)
{
	const struct tui_event	*ev;
	char			 buf[512], t[32], what[256];
	size_t			 i;

	put_heading(p, "History");
	for (i = 0; i < d->nevents; i++) {
		ev = &d->events[i];
		tui_view_time(ev->at, t, sizeof t);
		tui_event_describe(ev, what, sizeof what);
		snprintf(buf, sizeof buf, "%6lld  %s  %-9s  %s",
		    (long long)ev->seq, t, nz(ev->actor), what);
		put(p, 3, TUI_EL_NORMAL, buf);
	}
}

/* Lay the page out into p (drawing what falls in its window). */
static void
detail_page(const struct tui_model *m, struct page *p)
{
	const struct tui_detail	*d = &m->detail;
	const struct tui_row	*r = tui_board_find(&m->board, d->id);
	char			 buf[512], t[32];

	if ((d->have & TUI_DETAIL_BOOKING) == 0) {
		snprintf(buf, sizeof buf, "Booking #%ld: %s", d->id,
		    d->error[0] != '\0' ? d->error : "loading…");
		put(p, 1, d->error[0] != '\0' ? TUI_EL_ERROR : TUI_EL_SPINNER,
		    buf);
		return;
	}
	tui_view_time(d->promised_at, t, sizeof t);
	snprintf(buf, sizeof buf, "Booking #%ld · %s · next: %s · ETA %s · "
	    "promised %s", d->id, nz(d->status), r != NULL ?
	    tui_action_req_name(r->action) : "?", r != NULL &&
	    r->eta != TUI_ETA_NONE ? tui_eta_name(r->eta) : tui_view_dash(),
	    t);
	put(p, 1, TUI_EL_HEADING, buf);
	snprintf(buf, sizeof buf, "%s (%s) · %s · %s", nz(d->cust_name),
	    nz(d->cust_id), nz(d->cust_phone), nz(d->cust_email));
	put_label(p, "Customer", buf);
	snprintf(buf, sizeof buf, "%s %s · %s", nz(d->car_make),
	    nz(d->car_model), nz(d->car_reg));
	put_label(p, "Car", buf);
	detail_place(p, "Pickup", &d->pickup);
	detail_place(p, "Drop", &d->drop);
	detail_mechanics(m, p);
	detail_actions(m, p);
	detail_services(d, p);
	detail_analysis(d, p);
	detail_progress(d, p);
	detail_history(d, p);
}

/* How many lines the open booking takes at width columns. */
int
tui_view_detail_height(const struct tui_model *m, int width)
{
	struct page	p = { 0, 0, 0, 0, width };

	detail_page(m, &p);
	return p.line;
}

/* Draw the open booking in rows top .. top + height - 1, scrolled to the
 * model's line (kept within the page). */
void
tui_view_detail(const struct tui_model *m, int top, int height)
{
	struct page	p = { 0, 0, top, height, COLS };
	int		total, first = m->detail.top;

	if (m->detail.id <= 0) {
		tui_draw_text(top + 1, 2, COLS - 4, tui_colors_attr(TUI_EL_DIM),
		    "No booking open: pick one on the board (1) with Enter.");
		return;
	}
	total = tui_view_detail_height(m, COLS);
	if (first > total - height)
		first = total - height;
	if (first < 0)
		first = 0;
	p.top = first;
	detail_page(m, &p);
}
