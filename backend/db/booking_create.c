/* Booking creation SQL (SPEC §5.5). One statement per numbered check, run
 * in the spec's order, so the first failing check is the one answered;
 * the writes are one statement of data-modifying CTEs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "db/booking_create.h"
#include "db/booking_money.h"
#include "db/bookings.h"
#include "db/conn.h"
#include "db/events.h"
#include "money.h"
#include "status.h"

static const char *sql_today =
    "SELECT (now() AT TIME ZONE $1)::date,"
    " (now() AT TIME ZONE $1)::date + 90";

static const char *sql_customer =
    "SELECT 1 FROM customers c JOIN users u ON u.id = c.id"
    " WHERE c.id = $1 AND c.deleted_at IS NULL AND u.deleted_at IS NULL"
    " AND u.is_active";

/* Check 2; the lock makes concurrent bookings of one car take turns. */
static const char *sql_car =
    "SELECT m.car_class_id, m.fuel_type_id, f.fuel_name"
    " FROM customer_cars cc JOIN cars m ON m.id = cc.car_model_id"
    " JOIN fuel_types f ON f.id = m.fuel_type_id"
    " WHERE cc.id = $1 AND cc.customer_id = $2 AND cc.deleted_at IS NULL"
    " FOR UPDATE OF cc";

/* Check 3, a statement of its own: it must see what a request that held
 * the car's lock before us committed. */
static const char *sql_car_open =
    "SELECT EXISTS (SELECT 1 FROM bookings WHERE customer_car_id = $1"
    " AND status_id NOT IN (9, 10))";

/* Checks 4 to 7: one row per requested service, in request order. */
static const char *sql_services =
    "SELECT u.id, s.title, s.id IS NOT NULL AND s.deleted_at IS NULL,"
    " EXISTS (SELECT 1 FROM service_fuel_types sf"
    "  WHERE sf.service_id = u.id AND sf.fuel_type_id = $2),"
    " pc.price IS NOT NULL, coalesce(s.time_hrs, 0),"
    " $5::date - $4::date"
    " FROM unnest($1::int[]) WITH ORDINALITY AS u (id, n)"
    " LEFT JOIN services s ON s.id = u.id"
    " LEFT JOIN price_chart pc ON pc.service_id = u.id"
    "  AND pc.car_class_id = $3"
    " ORDER BY u.n";

/* Check 8: both slots live; a pickup today starts >= 60 min from now. */
static const char *sql_slots =
    "SELECT p.id IS NOT NULL AND d.id IS NOT NULL,"
    " p.id IS NOT NULL AND $3::date = (now() AT TIME ZONE $4)::date"
    "  AND ($3::date + p.start_time) AT TIME ZONE $4"
    "   < now() + interval '60 minutes'"
    " FROM (VALUES (1)) AS x (one)"
    " LEFT JOIN timeslots p ON p.id = $1 AND p.deleted_at IS NULL"
    " LEFT JOIN timeslots d ON d.id = $2 AND d.deleted_at IS NULL";

/* Check 9: an address id is the customer's live address; its area. */
static const char *sql_address =
    "SELECT ar.deleted_at IS NULL FROM addresses a"
    " JOIN areas ar ON ar.id = a.area_id"
    " WHERE a.id = $1 AND a.customer_id = $2 AND a.deleted_at IS NULL";

static const char *sql_area =
    "SELECT deleted_at IS NULL FROM areas WHERE id = $1";

/* Check 10: slots with a capacity are locked (in id order, so two
 * requests never wait on each other crosswise), then counted by a later
 * statement that sees what the previous lock holder committed. */
static const char *sql_slots_lock =
    "SELECT id FROM timeslots WHERE id IN ($1::int, $2::int)"
    " AND capacity IS NOT NULL ORDER BY id FOR UPDATE";

static const char *sql_slots_full =
    "SELECT (SELECT count(*) FROM bookings b WHERE b.status_id <> 10"
    "  AND b.pickup_date = $3::date AND b.pickup_timeslot_id = $1::int)"
    "  >= coalesce((SELECT capacity FROM timeslots WHERE id = $1::int),"
    "  2147483647),"
    " (SELECT count(*) FROM bookings b WHERE b.status_id <> 10"
    "  AND b.drop_date = $4::date AND b.drop_timeslot_id = $2::int)"
    "  >= coalesce((SELECT capacity FROM timeslots WHERE id = $2::int),"
    "  2147483647)";

static const char *sql_address_insert =
    "INSERT INTO addresses (customer_id, label, line1, line2, area_id)"
    " VALUES ($1, $2, $3, $4, $5) RETURNING id";

/* promised_at (§5.18): the drop date at the drop slot's end, local. */
static const char *sql_insert =
    "WITH b AS (INSERT INTO bookings (customer_id, customer_car_id,"
    "  car_reg_number, pickup_address_id, pickup_date, pickup_timeslot_id,"
    "  drop_address_id, drop_date, drop_timeslot_id, promised_at,"
    "  created_by)"
    " SELECT $1, cc.id, cc.reg_number, $3, $4, $5, $6, $7, $8,"
    "  ($7::date + t.end_time) AT TIME ZONE $9, $10"
    " FROM customer_cars cc, timeslots t WHERE cc.id = $2 AND t.id = $8"
    " RETURNING id),"
    " s AS (INSERT INTO booked_services (booking_id, service_id, est_price)"
    "  SELECT b.id, pc.service_id, pc.price FROM b, price_chart pc"
    "  WHERE pc.car_class_id = $11 AND pc.service_id = ANY ($12::int[])"
    "  RETURNING service_id),"
    " c AS (DELETE FROM cart WHERE customer_id = $1"
    "  AND service_id = ANY ($12::int[]) RETURNING service_id)"
    " SELECT b.id, (SELECT count(*) FROM s), (SELECT count(*) FROM c)"
    " FROM b";

int
bk_db_booking_create_today(struct bk_db *db, struct bk_arena *a,
    const char **today, const char **last_day, struct bk_err *err)
{
	const char	*p[1] = { bk_cfg.timezone }, *out[2];

	if (bk_db_values(db, a, sql_today, 1, p, 2, out, err) != 0)
		return -1;
	*today = out[0];
	*last_day = out[1];
	return 0;
}

/* Run a statement expected to answer one row; *res is NULL (and 0
 * returned) when it answers none. */
static int
create_row(struct bk_db *db, const char *sql, int n, const char *const *p,
    PGresult **res, struct bk_err *err)
{
	*res = bk_db_query(db, sql, n, p, err);
	if (*res == NULL)
		return -1;
	if (PQntuples(*res) == 0) {
		PQclear(*res);
		*res = NULL;
	}
	return 0;
}

int
bk_db_booking_create_customer(struct bk_db *db, const char *customer_id,
    struct bk_err *err)
{
	PGresult	*res;
	const char	*p[1] = { customer_id };

	if (create_row(db, sql_customer, 1, p, &res, err) != 0)
		return -1;
	if (res == NULL)
		return bk_err_set(err, 403, "Only customers can create "
		    "bookings.");
	PQclear(res);
	return 0;
}

/* Checks 2 and 3: the car is the customer's and has no open booking. */
static int
create_check_car(struct bk_db *db, struct bk_arena *a,
    struct bk_booking_new *bn, const char **fuel_id, const char **fuel,
    struct bk_err *err)
{
	PGresult	*res;
	char		 car[24];
	const char	*p[2] = { car, bn->customer_id };
	bool		 open;

	snprintf(car, sizeof car, "%ld", bn->car_id);
	if (create_row(db, sql_car, 2, p, &res, err) != 0)
		return -1;
	if (res == NULL)
		return bk_err_set(err, 403, "Car not found or doesn't belong "
		    "to customer.");
	bn->car_class_id = bk_db_long(res, 0, 0);
	*fuel_id = bk_db_str(a, res, 0, 1);
	*fuel = bk_db_str(a, res, 0, 2);
	PQclear(res);
	res = bk_db_query(db, sql_car_open, 1, p, err);
	if (res == NULL)
		return -1;
	open = bk_db_bool(res, 0, 0);
	PQclear(res);
	if (open)
		return bk_err_set(err, 409, "Car already has an open booking.");
	return 0;
}

/* Check 7's figure: days needed for Σ time_hrs at WORKING_HRS a day. */
static long
create_days_needed(int64_t hundredths)
{
	long	day = 900;		/* WORKING_HRS, in hundredths */

	if (bk_cfg.working_hrs > 0)
		day = bk_cfg.working_hrs * 100;
	return (long)((hundredths + day - 1) / day);
}

/* Checks 4 to 7 over the service rows, each check over all services
 * before the next one starts. */
static int
create_check_services(struct bk_db *db, struct bk_arena *a,
    const struct bk_booking_new *bn, const char *fuel_id, const char *fuel,
    struct bk_err *err)
{
	PGresult	*res;
	char		 cls[24];
	const char	*p[5];
	int64_t		 hrs = 0, h;
	int		 i, n, rc = -1;
	long		 days;

	snprintf(cls, sizeof cls, "%ld", bn->car_class_id);
	p[0] = bk_db_booking_ids_text(a, bn->service_ids, bn->nservices);
	p[1] = fuel_id;
	p[2] = cls;
	p[3] = bn->date[BK_BOOKING_PICKUP];
	p[4] = bn->date[BK_BOOKING_DROP];
	res = bk_db_query(db, sql_services, 5, p, err);
	if (res == NULL)
		return -1;
	n = PQntuples(res);
	for (i = 0; i < n; i++)
		if (!bk_db_bool(res, i, 2)) {
			bk_err_set(err, 404, "Service not found.");
			goto out;
		}
	for (i = 0; i < n; i++)
		if (!bk_db_bool(res, i, 3)) {
			bk_err_set(err, 400, bk_arena_printf(a, "Service "
			    "'%s' is not available for %s cars.",
			    PQgetvalue(res, i, 1), fuel));
			goto out;
		}
	for (i = 0; i < n; i++) {
		if (!bk_db_bool(res, i, 4)) {
			bk_err_set(err, 400, bk_arena_printf(a, "Service "
			    "'%s' has no price for this car.",
			    PQgetvalue(res, i, 1)));
			goto out;
		}
		if (proto_money_parse(PQgetvalue(res, i, 5), &h) == 0)
			hrs += h;
	}
	days = create_days_needed(hrs);
	if (n > 0 && bk_db_long(res, 0, 6) < days) {
		bk_err_set(err, 400, bk_arena_printf(a, "%ld day(s) are "
		    "required to complete all the booked services.", days));
		goto out;
	}
	rc = 0;
out:
	PQclear(res);
	return rc;
}

/* Check 8: both timeslots live, a pickup today not started. */
static int
create_check_slots(struct bk_db *db, const struct bk_booking_new *bn,
    struct bk_err *err)
{
	PGresult	*res;
	char		 ps[24], ds[24];
	const char	*p[4] = { ps, ds, bn->date[BK_BOOKING_PICKUP],
			    bk_cfg.timezone };
	int		 rc = -1;

	snprintf(ps, sizeof ps, "%ld", bn->slot[BK_BOOKING_PICKUP]);
	snprintf(ds, sizeof ds, "%ld", bn->slot[BK_BOOKING_DROP]);
	res = bk_db_query(db, sql_slots, 4, p, err);
	if (res == NULL)
		return -1;
	if (!bk_db_bool(res, 0, 0))
		bk_err_set(err, 400, "Invalid foreign key reference");
	else if (bk_db_bool(res, 0, 1))
		bk_err_set(err, 400, "Pickup timeslot has already started.");
	else
		rc = 0;
	PQclear(res);
	return rc;
}

/* Check 9 for one end: an address id of the customer's, or an inline
 * address in a live area. */
static int
create_check_address(struct bk_db *db, const struct bk_booking_new *bn,
    int end, struct bk_err *err)
{
	PGresult	*res;
	char		 id[24];
	const char	*p[2] = { id, bn->customer_id };
	bool		 live;

	if (bn->address_id[end] > 0)
		snprintf(id, sizeof id, "%ld", bn->address_id[end]);
	else if (bn->address[end].present)
		snprintf(id, sizeof id, "%ld", bn->address[end].area_id);
	else
		return bk_err_set(err, 400, "Either address_id or address data "
		    "must be provided");
	if (create_row(db, bn->address_id[end] > 0 ? sql_address : sql_area,
	    bn->address_id[end] > 0 ? 2 : 1, p, &res, err) != 0)
		return -1;
	if (res == NULL)
		return bn->address_id[end] > 0 ? bk_err_set(err, 404, "Address "
		    "not found or doesn't belong to customer") :
		    bk_err_set(err, 400, "Invalid foreign key reference");
	live = bk_db_bool(res, 0, 0);
	PQclear(res);
	if (!live)
		return bk_err_set(err, 400, "Area is not serviceable.");
	return 0;
}

/* Check 10: slots with a capacity have room (pickup, then drop). */
static int
create_check_capacity(struct bk_db *db, const struct bk_booking_new *bn,
    struct bk_err *err)
{
	PGresult	*res;
	char		 ps[24], ds[24];
	const char	*p[4] = { ps, ds, bn->date[BK_BOOKING_PICKUP],
			    bn->date[BK_BOOKING_DROP] };
	bool		 limited, full;

	snprintf(ps, sizeof ps, "%ld", bn->slot[BK_BOOKING_PICKUP]);
	snprintf(ds, sizeof ds, "%ld", bn->slot[BK_BOOKING_DROP]);
	res = bk_db_query(db, sql_slots_lock, 2, p, err);
	if (res == NULL)
		return -1;
	limited = PQntuples(res) > 0;
	PQclear(res);
	if (!limited)
		return 0;
	res = bk_db_query(db, sql_slots_full, 4, p, err);
	if (res == NULL)
		return -1;
	full = bk_db_bool(res, 0, 0) || bk_db_bool(res, 0, 1);
	PQclear(res);
	if (full)
		return bk_err_set(err, 409, "Timeslot is full.");
	return 0;
}

int
bk_db_booking_create_check(struct bk_db *db, struct bk_arena *a,
    struct bk_booking_new *bn, struct bk_err *err)
{
	const char	*fuel_id = NULL, *fuel = NULL;

	if (create_check_car(db, a, bn, &fuel_id, &fuel, err) != 0 ||
	    create_check_services(db, a, bn, fuel_id, fuel, err) != 0 ||
	    create_check_slots(db, bn, err) != 0 ||
	    create_check_address(db, bn, BK_BOOKING_PICKUP, err) != 0 ||
	    create_check_address(db, bn, BK_BOOKING_DROP, err) != 0 ||
	    create_check_capacity(db, bn, err) != 0)
		return -1;
	return 0;
}

static bool
create_same_text(const char *x, const char *y)
{
	return (x == NULL && y == NULL) ||
	    (x != NULL && y != NULL && strcmp(x, y) == 0);
}

/* Whether the two inline addresses are the same place. */
static bool
create_same_address(const struct bk_address_new *x,
    const struct bk_address_new *y)
{
	return x->area_id == y->area_id &&
	    create_same_text(x->label, y->label) &&
	    create_same_text(x->line1, y->line1) &&
	    create_same_text(x->line2, y->line2);
}

/* Save the inline address of one end as the customer's. */
static int
create_save_address(struct bk_db *db, struct bk_booking_new *bn, int end,
    struct bk_err *err)
{
	const struct bk_address_new	*ad = &bn->address[end];
	PGresult			*res;
	char				 area[24];
	const char			*p[5] = { bn->customer_id, ad->label,
					    ad->line1, ad->line2, area };

	snprintf(area, sizeof area, "%ld", ad->area_id);
	res = bk_db_query(db, sql_address_insert, 5, p, err);
	if (res == NULL)
		return -1;
	bn->address_id[end] = bk_db_long(res, 0, 0);
	PQclear(res);
	return 0;
}

/* Inline addresses (an id given wins); a drop address equal to the
 * pickup one just saved reuses that row. */
static int
create_save_addresses(struct bk_db *db, struct bk_booking_new *bn,
    struct bk_err *err)
{
	bool	pickup_inline = bn->address_id[BK_BOOKING_PICKUP] <= 0;

	if (pickup_inline &&
	    create_save_address(db, bn, BK_BOOKING_PICKUP, err) != 0)
		return -1;
	if (bn->address_id[BK_BOOKING_DROP] > 0)
		return 0;
	if (pickup_inline &&
	    create_same_address(&bn->address[BK_BOOKING_PICKUP],
	    &bn->address[BK_BOOKING_DROP])) {
		bn->address_id[BK_BOOKING_DROP] =
		    bn->address_id[BK_BOOKING_PICKUP];
		return 0;
	}
	return create_save_address(db, bn, BK_BOOKING_DROP, err);
}

/* The `created` event's data: {service_ids, pickup_date, drop_date}. */
static char *
create_event_data(struct bk_arena *a, const struct bk_booking_new *bn)
{
	cJSON	*o, *ids;
	char	*s, *out;
	int	 i;

	o = cJSON_CreateObject();
	ids = cJSON_AddArrayToObject(o, "service_ids");
	for (i = 0; i < bn->nservices; i++)
		cJSON_AddItemToArray(ids, cJSON_CreateNumber(
		    (double)bn->service_ids[i]));
	cJSON_AddStringToObject(o, "pickup_date", bn->date[BK_BOOKING_PICKUP]);
	cJSON_AddStringToObject(o, "drop_date", bn->date[BK_BOOKING_DROP]);
	s = cJSON_PrintUnformatted(o);
	out = bk_arena_strdup(a, s);
	cJSON_free(s);
	cJSON_Delete(o);
	return out;
}

int
bk_db_booking_create_insert(struct bk_db *db, const struct bk_req *req,
    struct bk_booking_new *bn, struct bk_booking *b, struct bk_err *err)
{
	PGresult	*res;
	char		 car[24], pa[24], ps[24], da[24], ds[24], cls[24];
	const char	*p[12];

	if (create_save_addresses(db, bn, err) != 0)
		return -1;
	snprintf(car, sizeof car, "%ld", bn->car_id);
	snprintf(pa, sizeof pa, "%ld", bn->address_id[BK_BOOKING_PICKUP]);
	snprintf(ps, sizeof ps, "%ld", bn->slot[BK_BOOKING_PICKUP]);
	snprintf(da, sizeof da, "%ld", bn->address_id[BK_BOOKING_DROP]);
	snprintf(ds, sizeof ds, "%ld", bn->slot[BK_BOOKING_DROP]);
	snprintf(cls, sizeof cls, "%ld", bn->car_class_id);
	p[0] = bn->customer_id;
	p[1] = car;
	p[2] = pa;
	p[3] = bn->date[BK_BOOKING_PICKUP];
	p[4] = ps;
	p[5] = da;
	p[6] = bn->date[BK_BOOKING_DROP];
	p[7] = ds;
	p[8] = bk_cfg.timezone;
	p[9] = req->auth.user_id;
	p[10] = cls;
	p[11] = bk_db_booking_ids_text(req->arena, bn->service_ids,
	    bn->nservices);
	res = bk_db_query(db, sql_insert, 12, p, err);
	if (res == NULL)
		return -1;
	memset(b, 0, sizeof *b);
	b->id = bk_db_long(res, 0, 0);
	b->customer_id = bk_arena_strdup(req->arena, bn->customer_id);
	b->status = PROTO_STATUS_BOOKED;
	PQclear(res);
	return bk_db_events_add_req(db, req, b->id, "created",
	    create_event_data(req->arena, bn), err);
}
