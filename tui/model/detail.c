/* Parsing the four parts of a booking's detail, and what the client can
 * tell from them: the open progress entry, work left, whether the car is
 * at the shop, and the cancellation fee (SPEC §5.13). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"
#include "status.h"
#include "xmalloc.h"
#include "model/detail.h"
#include "model/json.h"

#define DETAIL_MIN_FEE	10000	/* ₹100.00, the smallest fee */

void
tui_detail_init(struct tui_detail *d)
{
	memset(d, 0, sizeof *d);
	d->analysis.gst_percent = -1;
}

static void
place_cleanup(struct tui_place *p)
{
	free(p->timeslot);
	free(p->line1);
	free(p->line2);
	free(p->area);
	memset(p, 0, sizeof *p);
}

static void
strv_free(char **v, size_t n)
{
	size_t	i;

	for (i = 0; v != NULL && i < n; i++)
		free(v[i]);
	free(v);
}

static void
recs_free(struct tui_reco *r, size_t n)
{
	size_t	i;

	for (i = 0; r != NULL && i < n; i++)
		free(r[i].title);
	free(r);
}

static void
booking_cleanup(struct tui_detail *d)
{
	size_t	i;

	free(d->status);
	free(d->cust_name);
	free(d->cust_id);
	free(d->cust_phone);
	free(d->cust_email);
	free(d->car_make);
	free(d->car_model);
	free(d->car_reg);
	place_cleanup(&d->pickup);
	place_cleanup(&d->drop);
	for (i = 0; i < d->nservices; i++) {
		free(d->services[i].title);
		free(d->services[i].category);
		free(d->services[i].status);
	}
	free(d->services);
	recs_free(d->recs, d->nrecs);
	free(d->payment_method);
	free(d->invoice_number);
	d->status = d->cust_name = d->cust_id = d->cust_phone = NULL;
	d->cust_email = d->car_make = d->car_model = d->car_reg = NULL;
	d->services = NULL;
	d->nservices = 0;
	d->recs = NULL;
	d->nrecs = 0;
	d->payment_method = d->invoice_number = NULL;
}

static void
progress_cleanup(struct tui_detail *d)
{
	size_t	i;

	for (i = 0; i < d->nprogress; i++) {
		free(d->progress[i].status);
		free(d->progress[i].description);
		strv_free(d->progress[i].images, d->progress[i].nimages);
		free(d->progress[i].mech_id);
		free(d->progress[i].mech_name);
		free(d->progress[i].done);
	}
	free(d->progress);
	d->progress = NULL;
	d->nprogress = 0;
}

/* Forget the analysis (also what a 404 from /analysis means). */
void
tui_detail_clear_analysis(struct tui_detail *d)
{
	struct tui_analysis	*a = &d->analysis;
	size_t			 i;

	free(a->mech_id);
	free(a->mech_name);
	free(a->description);
	free(a->recommendation);
	strv_free(a->images, a->nimages);
	for (i = 0; i < a->nquotes; i++) {
		free(a->quotes[i].title);
		free(a->quotes[i].status);
	}
	free(a->quotes);
	recs_free(a->recs, a->nrecs);
	memset(a, 0, sizeof *a);
	a->gst_percent = -1;
}

void
tui_detail_cleanup(struct tui_detail *d)
{
	booking_cleanup(d);
	progress_cleanup(d);
	tui_detail_clear_analysis(d);
	tui_events_free(d->events, d->nevents);
	tui_detail_init(d);
}

/* Show booking id from now on: everything of the one before goes. */
void
tui_detail_open(struct tui_detail *d, long id)
{
	tui_detail_cleanup(d);
	d->id = id;
}

static void
place_parse(const cJSON *o, struct tui_place *p)
{
	const cJSON	*addr = cJSON_GetObjectItemCaseSensitive(o, "address");
	const char	*date = tui_json_str(o, "date");

	place_cleanup(p);
	if (date != NULL)
		snprintf(p->date, sizeof p->date, "%s", date);
	p->timeslot = tui_json_dup(o, "timeslot");
	p->line1 = tui_json_dup(addr, "line1");
	p->line2 = tui_json_dup(addr, "line2");
	p->area = tui_json_dup(addr, "area");
	p->pincode = tui_json_long(addr, "pincode", 0);
}

/* A JSON array of strings as a new vector. */
static char **
strv_parse(const cJSON *arr, size_t *n)
{
	const cJSON	*it;
	char		**v;
	size_t		 k = 0;

	*n = 0;
	if (!cJSON_IsArray(arr))
		return NULL;
	v = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *v);
	cJSON_ArrayForEach(it, arr)
		if (cJSON_IsString(it))
			v[k++] = xstrdup(it->valuestring);
	*n = k;
	return v;
}

static long *
longv_parse(const cJSON *arr, size_t *n)
{
	const cJSON	*it;
	long		*v;
	size_t		 k = 0;

	*n = 0;
	if (!cJSON_IsArray(arr))
		return NULL;
	v = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *v);
	cJSON_ArrayForEach(it, arr)
		if (cJSON_IsNumber(it))
			v[k++] = (long)it->valuedouble;
	*n = k;
	return v;
}

static struct tui_reco *
recs_parse(const cJSON *arr, size_t *n)
{
	const cJSON	*it;
	struct tui_reco	*r;
	size_t		 k = 0;

	*n = 0;
	if (!cJSON_IsArray(arr))
		return NULL;
	r = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *r);
	cJSON_ArrayForEach(it, arr) {
		r[k].service_id = tui_json_long(it, "service_id", 0);
		r[k].title = tui_json_dup(it, "title");
		r[k].price = tui_json_money(it, "price");
		r[k].selected = tui_json_bool(it, "selected");
		k++;
	}
	*n = k;
	return r;
}

static void
services_parse(struct tui_detail *d, const cJSON *arr)
{
	const cJSON		*it, *cat;
	struct tui_bservice	*s;

	if (!cJSON_IsArray(arr))
		return;
	d->services = xcalloc((size_t)cJSON_GetArraySize(arr) + 1,
	    sizeof *d->services);
	cJSON_ArrayForEach(it, arr) {
		s = &d->services[d->nservices++];
		s->id = tui_json_long(it, "id", 0);
		s->title = tui_json_dup(it, "title");
		cat = cJSON_GetObjectItemCaseSensitive(it, "category");
		s->category_id = tui_json_long(cat, "id", 0);
		s->category = tui_json_dup(cat, "name");
		s->status = tui_json_dup(it, "status");
		s->est_price = tui_json_money(it, "est_price");
		s->price = tui_json_money(it, "price");
		s->completed = tui_json_bool(it, "completed");
	}
}

/*
 * Apply a 200 body of GET /bookings/{id} (BookingResponseDetailed).
 * Returns 0, or -1 when it is not an object for this booking.
 */
int
tui_detail_apply_booking(struct tui_detail *d, const char *body)
{
	cJSON		*o;
	const cJSON	*c, *car, *canc;
	int		 rc = -1;

	o = body != NULL ? cJSON_Parse(body) : NULL;
	if (!cJSON_IsObject(o) || tui_json_long(o, "id", 0) != d->id)
		goto out;
	booking_cleanup(d);
	d->status = tui_json_dup(o, "status");
	d->status_id = d->status != NULL ? proto_status_parse(d->status) : 0;
	c = cJSON_GetObjectItemCaseSensitive(o, "customer");
	d->cust_name = tui_json_dup(c, "name");
	d->cust_id = tui_json_dup(c, "id");
	d->cust_phone = tui_json_text(c, "phone");
	d->cust_email = tui_json_dup(c, "email");
	car = cJSON_GetObjectItemCaseSensitive(o, "car");
	d->car_make = tui_json_dup(car, "manufacturer");
	d->car_model = tui_json_dup(car, "model");
	d->car_reg = tui_json_dup(car, "reg_no");
	place_parse(cJSON_GetObjectItemCaseSensitive(o, "pickup"), &d->pickup);
	place_parse(cJSON_GetObjectItemCaseSensitive(o, "drop"), &d->drop);
	services_parse(d, cJSON_GetObjectItemCaseSensitive(o,
	    "booked_services"));
	d->recs = recs_parse(cJSON_GetObjectItemCaseSensitive(o,
	    "recommendations"), &d->nrecs);
	d->total_est = tui_json_money(o, "total_estimated_price");
	d->total_final = tui_json_money(o, "total_final_price");
	d->payment_method = tui_json_dup(o, "payment_method");
	d->created_at = tui_json_time(o, "created_at");
	d->updated_at = tui_json_time(o, "updated_at");
	d->completed_at = tui_json_time(o, "completed_at");
	d->promised_at = tui_json_time(o, "promised_at");
	d->invoice_number = tui_json_dup(o, "invoice_number");
	canc = cJSON_GetObjectItemCaseSensitive(o, "cancellation");
	d->cancelled = cJSON_IsObject(canc);
	d->cancel_fee_total = tui_json_money(canc, "total");
	d->have |= TUI_DETAIL_BOOKING;
	d->error[0] = '\0';
	rc = 0;
out:
	cJSON_Delete(o);
	return rc;
}

/* Apply GET /bookings/{id}/progress (ascending). 0, or -1 if no array. */
int
tui_detail_apply_progress(struct tui_detail *d, const char *body)
{
	cJSON			*o;
	const cJSON		*it, *m;
	struct tui_progress	*p;

	o = body != NULL ? cJSON_Parse(body) : NULL;
	if (!cJSON_IsArray(o)) {
		cJSON_Delete(o);
		return -1;
	}
	progress_cleanup(d);
	d->progress = xcalloc((size_t)cJSON_GetArraySize(o) + 1,
	    sizeof *d->progress);
	cJSON_ArrayForEach(it, o) {
		p = &d->progress[d->nprogress++];
		p->id = tui_json_long(it, "id", 0);
		p->status = tui_json_dup(it, "status");
		p->description = tui_json_dup(it, "description");
		p->images = strv_parse(cJSON_GetObjectItemCaseSensitive(it,
		    "images"), &p->nimages);
		m = cJSON_GetObjectItemCaseSensitive(it, "mechanic");
		p->mech_id = tui_json_dup(m, "id");
		p->mech_name = tui_json_dup(m, "name");
		p->validated = tui_json_bool(it, "validated");
		p->done = longv_parse(cJSON_GetObjectItemCaseSensitive(it,
		    "completed_service_ids"), &p->ndone);
		p->created_at = tui_json_time(it, "created_at");
		p->validated_at = tui_json_time(it, "validated_at");
	}
	d->have |= TUI_DETAIL_PROGRESS;
	cJSON_Delete(o);
	return 0;
}

/* Apply GET /bookings/{id}/analysis. 0, or -1 if not an object. */
int
tui_detail_apply_analysis(struct tui_detail *d, const char *body)
{
	struct tui_analysis	*a = &d->analysis;
	cJSON			*o;
	const cJSON		*it, *m, *arr;
	struct tui_quote	*q;

	o = body != NULL ? cJSON_Parse(body) : NULL;
	if (!cJSON_IsObject(o)) {
		cJSON_Delete(o);
		return -1;
	}
	tui_detail_clear_analysis(d);
	a->present = true;
	m = cJSON_GetObjectItemCaseSensitive(o, "mechanic");
	a->mech_id = tui_json_dup(m, "id");
	a->mech_name = tui_json_dup(m, "name");
	a->description = tui_json_dup(o, "description");
	a->recommendation = tui_json_dup(o, "recommendation");
	a->images = strv_parse(cJSON_GetObjectItemCaseSensitive(o, "images"),
	    &a->nimages);
	a->validated = tui_json_bool(o, "validated");
	a->created_at = tui_json_time(o, "created_at");
	arr = cJSON_GetObjectItemCaseSensitive(o, "quotes");
	if (cJSON_IsArray(arr)) {
		a->quotes = xcalloc((size_t)cJSON_GetArraySize(arr) + 1,
		    sizeof *a->quotes);
		cJSON_ArrayForEach(it, arr) {
			q = &a->quotes[a->nquotes++];
			q->service_id = tui_json_long(it, "service_id", 0);
			q->title = tui_json_dup(it, "title");
			q->est_price = tui_json_money(it, "est_price");
			q->price = tui_json_money(it, "price");
			q->status = tui_json_dup(it, "status");
		}
	}
	a->recs = recs_parse(cJSON_GetObjectItemCaseSensitive(o,
	    "recommendations"), &a->nrecs);
	a->gst_percent = (int)tui_json_long(o, "gst_percent", -1);
	a->subtotal = tui_json_money(o, "subtotal");
	a->gst = tui_json_money(o, "gst");
	a->total = tui_json_money(o, "total");
	d->have |= TUI_DETAIL_ANALYSIS;
	cJSON_Delete(o);
	return 0;
}

/* Apply GET /bookings/{id}/events: the history replaces what was kept,
 * then events already seen live are merged back. */
int
tui_detail_apply_events(struct tui_detail *d, const char *body)
{
	struct tui_event	*evs, *old = d->events;
	size_t			 n, i, nold = d->nevents;

	if (tui_events_parse(body, &evs, &n) != 0)
		return -1;
	d->events = evs;
	d->nevents = n;
	for (i = 0; i < nold; i++)
		tui_detail_add_event(d, &old[i]);
	tui_events_free(old, nold);
	d->have |= TUI_DETAIL_EVENTS;
	return 0;
}

/* Add a copy of a live event of this booking to the history, in seq
 * order, once. Returns true when added. */
bool
tui_detail_add_event(struct tui_detail *d, const struct tui_event *ev)
{
	size_t	i;

	if (ev->booking_id != d->id)
		return false;
	for (i = 0; i < d->nevents; i++)
		if (d->events[i].seq == ev->seq)
			return false;
	for (i = d->nevents; i > 0 && d->events[i - 1].seq > ev->seq; i--)
		continue;
	d->events = xrealloc(d->events, (d->nevents + 1) * sizeof *d->events);
	memmove(&d->events[i + 1], &d->events[i], (d->nevents - i) *
	    sizeof *d->events);
	tui_event_copy(&d->events[i], ev);
	d->nevents++;
	return true;
}

/* Every part arrived and no live event about the booking came after
 * they were asked for: what the detail says is current. */
bool
tui_detail_is_fresh(const struct tui_detail *d)
{
	return d->pending == 0 && (d->have & TUI_DETAIL_ALL) ==
	    TUI_DETAIL_ALL && d->stale_seq <= d->asked_seq;
}

/* The progress entry not yet validated (at most one exists), or NULL. */
const struct tui_progress *
tui_detail_open_progress(const struct tui_detail *d)
{
	size_t	i;

	for (i = d->nprogress; i > 0; i--)
		if (!d->progress[i - 1].validated)
			return &d->progress[i - 1];
	return NULL;
}

static bool
service_is_remaining(const struct tui_bservice *s)
{
	return s->status != NULL && strcmp(s->status, "confirmed") == 0 &&
	    !s->completed;
}

/* Confirmed services not yet done remain (§5.3 service assignment). */
bool
tui_detail_work_left(const struct tui_detail *d)
{
	size_t	i;

	for (i = 0; i < d->nservices; i++)
		if (service_is_remaining(&d->services[i]))
			return true;
	return false;
}

/* The car reached the shop: a pickup progress entry exists. */
bool
tui_detail_car_received(const struct tui_detail *d)
{
	size_t	i;

	for (i = 0; i < d->nprogress; i++)
		if (d->progress[i].status != NULL &&
		    strcmp(d->progress[i].status, "pickup") == 0)
			return true;
	return d->status_id > PROTO_STATUS_PICKUP &&
	    d->status_id != PROTO_STATUS_CANCELLED;
}

/* Does one of cats (a mechanic's categories) match a remaining service? */
bool
tui_detail_has_category(const struct tui_detail *d, const long *cats,
    size_t ncats)
{
	size_t	i, j;

	for (i = 0; i < d->nservices; i++) {
		if (!service_is_remaining(&d->services[i]))
			continue;
		for (j = 0; j < ncats; j++)
			if (cats[j] == d->services[i].category_id)
				return true;
	}
	return false;
}

/*
 * The fee cancelling now would charge (SPEC §5.13), at GST rate percent
 * (-1: unknown, then gst and total are -1). booked, pickup: nothing;
 * received, analysis, analysed: ₹100.00 collected at the return;
 * in-progress: the larger of ₹100.00 and the quoted prices of the
 * completed confirmed services (GST per line), for an online booking
 * capped at what was paid, the rest refunded. Returns 0, or -1 when the
 * status does not allow a cancellation.
 */
int
tui_detail_cancel_fee(const struct tui_detail *d, int percent,
    struct tui_fee *f)
{
	size_t	i;
	int64_t	sum = 0, gst = 0, paid;

	memset(f, 0, sizeof *f);
	f->online = d->payment_method != NULL &&
	    strcmp(d->payment_method, "online") == 0;
	switch (d->status_id) {
	case PROTO_STATUS_BOOKED:
	case PROTO_STATUS_PICKUP:
		return 0;
	case PROTO_STATUS_RECEIVED:
	case PROTO_STATUS_ANALYSIS:
	case PROTO_STATUS_ANALYSED:
		f->fee = DETAIL_MIN_FEE;
		break;
	case PROTO_STATUS_IN_PROGRESS:
		for (i = 0; i < d->nservices; i++) {
			if (!d->services[i].completed ||
			    d->services[i].status == NULL ||
			    strcmp(d->services[i].status, "confirmed") != 0 ||
			    d->services[i].price < 0)
				continue;
			sum += d->services[i].price;
			if (percent >= 0)
				gst += proto_money_gst(d->services[i].price,
				    percent);
		}
		f->fee = sum > DETAIL_MIN_FEE ? sum : DETAIL_MIN_FEE;
		if (sum <= DETAIL_MIN_FEE)
			gst = percent >= 0 ? proto_money_gst(f->fee, percent) :
			    0;
		break;
	default:
		return -1;
	}
	f->collected = !f->online;
	if (percent < 0) {
		f->gst = f->total = -1;
		return 0;
	}
	f->gst = d->status_id == PROTO_STATUS_IN_PROGRESS ? gst :
	    proto_money_gst(f->fee, percent);
	f->total = f->fee + f->gst;
	paid = d->total_final;
	if (f->online && paid >= 0) {
		if (f->total > paid)
			f->total = paid;
		f->refund = paid - f->total;
		f->collected = false;
	}
	return 0;
}
