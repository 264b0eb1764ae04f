/* The service catalogue against the real server: categories, services with
 * price chart and fuel types (list filters, create, update, soft delete),
 * the grouped view and the keyword recommendation of SPEC §8.8.1. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixtures.h"

static char	*admin, *customer, *mechanic;

static int
setup(void **state)
{
	admin = tc_login(TC_ADMIN_PHONE, TC_PASSWORD, NULL);
	customer = tc_login(TC_CUSTOMER_PHONE, TC_PASSWORD, NULL);
	mechanic = tc_login(TC_MECHANIC_PHONE, TC_PASSWORD, NULL);
	return admin != NULL && customer != NULL && mechanic != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	free(admin);
	free(customer);
	free(mechanic);
	return 0;
}

/* A fresh car class and fuel type, invisible to every other test. */
static long
fresh_class(void)
{
	return tc_sql_long("INSERT INTO car_classes (class) VALUES ('Class"
	    " %ld') RETURNING id", tc_unique_phone());
}

static long
fresh_fuel(void)
{
	return tc_sql_long("INSERT INTO fuel_types (fuel_name) VALUES ('Fuel"
	    " %ld') RETURNING id", tc_unique_phone());
}

/* A fresh customer (sample password) with a car and an address; returns
 * its id (malloc'd) and the car and address ids. */
static char *
fresh_customer(long *car, long *addr)
{
	char	*id = tc_new_customer("Cat %ld", NULL);

	*car = tc_new_car(id, 1, NULL);
	*addr = tc_new_address(id, NULL, NULL, 1);
	return id;
}

/* A fresh category through the API; returns its id. */
static long
fresh_category(void)
{
	struct tc_resp	r;
	char		body[256];
	long		id;

	snprintf(body, sizeof body, "{\"name\":\"Category %ld\","
	    "\"description\":\"Made by a test\",\"image\":\"/img.png\"}",
	    tc_unique_phone());
	assert_int_equal(tc_call("POST", "/api/v1/services/category", admin,
	    body, &r), 200);
	id = (long)tc_jget(r.json, "id")->valuedouble;
	tc_resp_free(&r);
	return id;
}

/* A service body: title word, category, one class price, one fuel. */
static void
service_body(char *buf, size_t len, const char *title, long cat, long cls,
    long fuel)
{
	snprintf(buf, len, "{\"title\":\"%s\",\"description\":\"A catalogue"
	    " test service\",\"works\":[\" Inspect \",\"\",\"Report\"],"
	    "\"warranty_kms\":1000,\"warranty_months\":2,\"time_hrs\":\"1.25\","
	    "\"difficulty\":2,\"images\":[\"https://example.com/x.jpg\"],"
	    "\"category_id\":%ld,\"price_chart\":[{\"car_class_id\":%ld,"
	    "\"price\":\"1499.5\"}],\"fuel_type_ids\":[%ld,%ld],"
	    "\"symptoms\":[\"odd rattle\"]}", title, cat, cls, fuel, fuel);
}

static long
create_service(const char *title, long cat, long cls, long fuel)
{
	struct tc_resp	r;
	char		body[1024];
	long		id;

	service_body(body, sizeof body, title, cat, cls, fuel);
	assert_int_equal(tc_call("POST", "/api/v1/services/", admin, body, &r),
	    200);
	id = (long)tc_jget(r.json, "id")->valuedouble;
	tc_resp_free(&r);
	return id;
}

static void
seeded_categories_are_listed_publicly(void **state)
{
	struct tc_resp	 r;
	const cJSON	*it;
	int		 seen = 0;

	assert_int_equal(tc_call("GET", "/api/v1/services/category", NULL, NULL,
	    &r), 200);
	cJSON_ArrayForEach(it, r.json) {
		long id = (long)tc_jget(it, "id")->valuedouble;

		if (id == 3)
			assert_string_equal(tc_jget(it, "name")->valuestring,
			    "Brake Services");
		if (id >= 1 && id <= 12)
			seen++;
		assert_true(cJSON_IsString(tc_jget(it, "image")));
		assert_true(cJSON_IsString(tc_jget(it, "description")));
	}
	assert_int_equal(seen, 12);
	tc_resp_free(&r);
}

static void
category_create_update_and_duplicate_name(void **state)
{
	struct tc_resp	 r;
	char		 body[256], path[128];
	long		 id = fresh_category(), n = tc_unique_phone();

	snprintf(body, sizeof body, "{\"name\":\"  Renamed %ld \"}", n);
	snprintf(path, sizeof path, "/api/v1/services/category/%ld", id);
	assert_int_equal(tc_call("PUT", path, admin, body, &r), 200);
	assert_true(strncmp(tc_jget(r.json, "name")->valuestring, "Renamed ", 8)
	    == 0);
	assert_string_equal(tc_jget(r.json, "description")->valuestring,
	    "Made by a test");
	tc_resp_free(&r);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM audit_log WHERE"
	    " entity = 'service_categories' AND entity_id = '%ld'", id), 2);
	assert_int_equal(tc_call("POST", "/api/v1/services/category", admin,
	    "{\"name\":\"Brake Services\",\"description\":\"two words\","
	    "\"image\":\"/x\"}", &r), 400);
	assert_string_equal(tc_detail(&r), "Service category already exists.");
	tc_resp_free(&r);
	assert_int_equal(tc_call("PUT", path,
	    admin, "{\"name\":\"Engine Services\"}", &r), 400);
	assert_string_equal(tc_detail(&r), "Service category already exists.");
	tc_resp_free(&r);
	assert_int_equal(tc_call("PUT", "/api/v1/services/category/999999",
	    admin, "{}", &r), 404);
	assert_string_equal(tc_detail(&r), "ServiceCategory not found.");
	tc_resp_free(&r);
}

static void
category_body_rules_are_422(void **state)
{
	struct tc_resp	 r;
	const cJSON	*d;

	assert_int_equal(tc_call("POST", "/api/v1/services/category", admin,
	    "{\"name\":\"X\",\"description\":\"oneword\",\"image\":\"/\"}", &r),
	    422);
	d = tc_jget(r.json, "detail");
	assert_int_equal(cJSON_GetArraySize(d), 3);
	assert_string_equal(tc_jget(cJSON_GetArrayItem(d, 0),
	    "type")->valuestring, "string_too_short");
	assert_string_equal(tc_jget(cJSON_GetArrayItem(d, 1),
	    "msg")->valuestring, "Value error, Description must contain at"
	    " least 2 words");
	tc_resp_free(&r);
}

static void
category_in_use_is_409_until_its_services_go(void **state)
{
	struct tc_resp	 r;
	char		 path[128], spath[128];
	long		 cat = fresh_category(), sid;

	sid = create_service("Category holder", cat, 1, 1);
	snprintf(path, sizeof path, "/api/v1/services/category/%ld", cat);
	snprintf(spath, sizeof spath, "/api/v1/services/%ld", sid);
	assert_int_equal(tc_call("DELETE", path, admin, NULL, &r), 409);
	assert_string_equal(tc_detail(&r), "ServiceCategory is in use.");
	tc_resp_free(&r);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM service_categories"
	    " WHERE id = %ld AND deleted_at IS NULL", cat), 1);
	assert_int_equal(tc_call("DELETE", spath, admin, NULL, &r), 200);
	tc_resp_free(&r);
	assert_int_equal(tc_call("DELETE", path, admin, NULL, &r), 200);
	assert_string_equal(tc_detail(&r),
	    "ServiceCategory deleted successfully.");
	tc_resp_free(&r);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM service_categories"
	    " WHERE id = %ld AND deleted_at IS NOT NULL", cat), 1);
	assert_int_equal(tc_call("DELETE", path, admin, NULL, &r), 404);
	tc_resp_free(&r);
	/* a deleted category cannot take new services */
	{
		char body[1024];

		service_body(body, sizeof body, "Orphan", cat, 1, 1);
		assert_int_equal(tc_call("POST", "/api/v1/services/", admin,
		    body, &r), 400);
		assert_string_equal(tc_detail(&r),
		    "Invalid foreign key reference");
		tc_resp_free(&r);
	}
}

static void
seeded_catalogue_lists_58_services_with_21_prices_each(void **state)
{
	struct tc_resp	 r;
	const cJSON	*it, *pc;
	char		*total;
	int		 seeded = 0;

	assert_int_equal(tc_call("GET", "/api/v1/services/?limit=500&"
	    "car_class_id=1", NULL, NULL, &r), 200);
	total = tc_header(&r, "x-total-count");
	assert_true(atol(total) >= 58);
	free(total);
	cJSON_ArrayForEach(it, r.json) {
		long id = (long)tc_jget(it, "id")->valuedouble;

		if (id > 58)
			continue;
		seeded++;
		pc = tc_jget(it, "price_chart");
		assert_int_equal(cJSON_GetArraySize(pc), 21);
		assert_true(cJSON_IsString(tc_jget(it, "time_hrs")));
		assert_true(cJSON_IsString(tc_jget(cJSON_GetArrayItem(pc, 0),
		    "price")));
		if (id == 1) {
			assert_string_equal(tc_jget(it,
			    "time_hrs")->valuestring, "1.50");
			assert_string_equal(tc_jget(cJSON_GetArrayItem(pc, 0),
			    "price")->valuestring, "1500.00");
			assert_int_equal(cJSON_GetArraySize(tc_jget(it,
			    "fuel_types")), 5);
			assert_int_equal(cJSON_GetArraySize(tc_jget(it,
			    "symptoms")), 4);
			assert_string_equal(tc_jget(tc_jget(it, "category"),
			    "name")->valuestring, "Service Packages");
		}
	}
	assert_int_equal(seeded, 58);
	tc_resp_free(&r);
}

static void
list_filters_by_class_fuel_category_and_text(void **state)
{
	struct tc_resp	 r;
	char		 path[256], title[64];
	long		 cls = fresh_class(), fuel = fresh_fuel(), cat, sid;
	long		 u = tc_unique_phone();

	cat = fresh_category();
	snprintf(title, sizeof title, "Filterable %ld", u);
	sid = create_service(title, cat, cls, fuel);
	snprintf(path, sizeof path, "/api/v1/services/?car_class_id=%ld", cls);
	assert_int_equal(tc_call("GET", path, NULL, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	assert_int_equal((long)tc_jget(cJSON_GetArrayItem(r.json, 0),
	    "id")->valuedouble, sid);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/services/?fuel_type_id=%ld", fuel);
	assert_int_equal(tc_call("GET", path, NULL, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/services/?category_id=%ld", cat);
	assert_int_equal(tc_call("GET", path, NULL, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/services/?q=FILTERABLE%%20%ld", u);
	assert_int_equal(tc_call("GET", path, NULL, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/services/?category_id=3",
	    NULL, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 5);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/services/?car_class_id=0",
	    NULL, NULL, &r), 422);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/services/?sort=bogus",
	    NULL, NULL, &r), 422);
	tc_resp_free(&r);
}

static void
list_pages_with_total_count(void **state)
{
	struct tc_resp	 r;
	char		*total;

	assert_int_equal(tc_call("GET", "/api/v1/services/?limit=2&offset=1&"
	    "sort=id", NULL, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 2);
	assert_int_equal((long)tc_jget(cJSON_GetArrayItem(r.json, 0),
	    "id")->valuedouble, 2);
	total = tc_header(&r, "x-total-count");
	assert_true(atol(total) >= 58);
	free(total);
	tc_resp_free(&r);
}

static void
service_get_returns_service_response_or_404(void **state)
{
	struct tc_resp	r;

	assert_int_equal(tc_call("GET", "/api/v1/services/9", NULL, NULL, &r),
	    200);
	assert_string_equal(tc_jget(r.json, "title")->valuestring,
	    "Brake Pad Replacement");
	assert_true(cJSON_IsNull(tc_jget(r.json, "rating_avg")) ||
	    cJSON_IsNumber(tc_jget(r.json, "rating_avg")));
	assert_true(cJSON_IsNumber(tc_jget(r.json, "rating_count")));
	assert_non_null(strstr(tc_jget(r.json, "created_at")->valuestring,
	    "Z"));
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/services/999999", NULL, NULL,
	    &r), 404);
	assert_string_equal(tc_detail(&r), "Service not found.");
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/services/0", NULL, NULL, &r),
	    422);
	tc_resp_free(&r);
}

static void
create_stores_price_chart_and_fuel_types(void **state)
{
	struct tc_resp	 r;
	const cJSON	*pc, *ft;
	char		 body[1024];
	long		 cls = fresh_class(), fuel = fresh_fuel(), id;

	service_body(body, sizeof body, "  Created service  ", fresh_category(),
	    cls, fuel);
	assert_int_equal(tc_call("POST", "/api/v1/services/", admin, body, &r),
	    200);
	id = (long)tc_jget(r.json, "id")->valuedouble;
	assert_string_equal(tc_jget(r.json, "title")->valuestring,
	    "Created service");
	assert_string_equal(tc_jget(r.json, "time_hrs")->valuestring, "1.25");
	assert_int_equal(cJSON_GetArraySize(tc_jget(r.json, "works")), 2);
	pc = tc_jget(r.json, "price_chart");
	assert_int_equal(cJSON_GetArraySize(pc), 1);
	assert_string_equal(tc_jget(cJSON_GetArrayItem(pc, 0),
	    "price")->valuestring, "1499.50");
	assert_int_equal((long)tc_jget(tc_jget(cJSON_GetArrayItem(pc, 0),
	    "car_class"), "id")->valuedouble, cls);
	ft = tc_jget(r.json, "fuel_types");
	assert_int_equal(cJSON_GetArraySize(ft), 1);
	assert_int_equal((long)tc_jget(cJSON_GetArrayItem(ft, 0),
	    "id")->valuedouble, fuel);
	assert_string_equal(tc_jget(tc_jget(r.json, "category"),
	    "description")-> valuestring, "Made by a test");
	assert_string_equal(cJSON_GetArrayItem(tc_jget(r.json, "symptoms"),
	    0)->valuestring, "odd rattle");
	assert_true(cJSON_IsNull(tc_jget(r.json, "rating_avg")));
	tc_resp_free(&r);
	assert_int_equal(tc_sql_long("SELECT price * 100 FROM price_chart WHERE"
	    " service_id = %ld AND car_class_id = %ld", id, cls), 149950);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM service_fuel_types"
	    " WHERE service_id = %ld", id), 1);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM audit_log WHERE"
	    " entity = 'services' AND action = 'create' AND entity_id = '%ld'",
	    id), 1);
}

static void
duplicate_class_in_price_chart_is_422(void **state)
{
	struct tc_resp	 r;
	const cJSON	*it;

	assert_int_equal(tc_call("POST", "/api/v1/services/", admin,
	    "{\"title\":\"Dup class\",\"description\":\"three words"
	    " here\",\"works\":[\"x\"],\"warranty_kms\":0,\"warranty_months\":"
	    "0,\"time_hrs\":1,\"difficulty\":1,\"images\":[],\"category_id\":1,"
	    "\"price_chart\":[{\"car_class_id\":1,\"price\":1},"
	    "{\"car_class_id\":1,\"price\":2}],\"fuel_type_ids\":[]}", &r),
	    422);
	it = cJSON_GetArrayItem(tc_jget(r.json, "detail"), 0);
	assert_string_equal(tc_jget(it, "msg")->valuestring,
	    "Value error, Duplicate car_class_id in price_chart");
	assert_string_equal(tc_jget(it, "type")->valuestring, "value_error");
	tc_resp_free(&r);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM services WHERE title"
	    " = 'Dup class'"), 0);
}

static void
service_body_rules_are_422(void **state)
{
	struct tc_resp	 r;
	const cJSON	*it;
	int		 n = 0;

	assert_int_equal(tc_call("POST", "/api/v1/services/", admin,
	    "{\"title\":\"ab\",\"description\":\"two words\",\"works\":[\" "
	    " \"],\"warranty_kms\":-1,\"warranty_months\":0,\"time_hrs\":0,"
	    "\"difficulty\":6,\"images\":[],\"category_id\":0,\"price_chart\":"
	    "[{\"car_class_id\":1,\"price\":\"1.005\"}],\"fuel_type_ids\":[0],"
	    "\"symptoms\":[\"x\"]}", &r), 422);
	cJSON_ArrayForEach(it, tc_jget(r.json, "detail"))
		n++;
	/* title, description, works, kms, hrs, difficulty, category,
	 * price, fuel, symptom */
	assert_int_equal(n, 10);
	tc_resp_free(&r);
	assert_int_equal(tc_call("POST", "/api/v1/services/", admin, "[]", &r),
	    422);
	tc_resp_free(&r);
}

static void
unknown_category_class_or_fuel_is_400(void **state)
{
	struct tc_resp	 r;
	char		 body[1024];
	long		 dead = fresh_class();

	service_body(body, sizeof body, "Bad refs", 999999, 1, 1);
	assert_int_equal(tc_call("POST", "/api/v1/services/", admin, body, &r),
	    400);
	assert_string_equal(tc_detail(&r), "Invalid foreign key reference");
	tc_resp_free(&r);
	service_body(body, sizeof body, "Bad refs", 1, 999999, 1);
	assert_int_equal(tc_call("POST", "/api/v1/services/", admin, body, &r),
	    400);
	tc_resp_free(&r);
	service_body(body, sizeof body, "Bad refs", 1, 1, 999999);
	assert_int_equal(tc_call("POST", "/api/v1/services/", admin, body, &r),
	    400);
	tc_resp_free(&r);
	tc_sql_long("UPDATE car_classes SET deleted_at = now() WHERE id = %ld",
	    dead);
	service_body(body, sizeof body, "Bad refs", 1, dead, 1);
	assert_int_equal(tc_call("POST", "/api/v1/services/", admin, body, &r),
	    400);
	tc_resp_free(&r);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM services WHERE title"
	    " = 'Bad refs'"), 0);
}

static void
update_replaces_price_chart_and_fuel_types(void **state)
{
	struct tc_resp	 r;
	char		 body[512], path[64];
	long		 c1 = fresh_class(), c2 = fresh_class();
	long		 f1 = fresh_fuel(), f2 = fresh_fuel(), id;

	id = create_service("Before update", 1, c1, f1);
	snprintf(path, sizeof path, "/api/v1/services/%ld", id);
	snprintf(body, sizeof body, "{\"price_chart\":[{\"car_class_id\":%ld,"
	    "\"price\":250}],\"fuel_type_ids\":[%ld],\"difficulty\":null,"
	    "\"time_hrs\":2}", c2, f2);
	assert_int_equal(tc_call("PUT", path, admin, body, &r), 200);
	assert_string_equal(tc_jget(r.json, "title")->valuestring, "Before"
	    " update");
	assert_string_equal(tc_jget(r.json, "time_hrs")->valuestring, "2.00");
	assert_int_equal(tc_jget(r.json, "difficulty")->valuedouble, 2);
	assert_int_equal(cJSON_GetArraySize(tc_jget(r.json, "price_chart")), 1);
	assert_string_equal(tc_jget(cJSON_GetArrayItem(tc_jget(r.json,
	    "price_chart"), 0), "price")->valuestring, "250.00");
	tc_resp_free(&r);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM price_chart WHERE"
	    " service_id = %ld AND car_class_id = %ld", id, c1), 0);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM service_fuel_types"
	    " WHERE service_id = %ld AND fuel_type_id = %ld", id, f2), 1);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM service_fuel_types"
	    " WHERE service_id = %ld", id), 1);
	/* an empty list clears the set; other fields stay */
	assert_int_equal(tc_call("PUT", path, admin, "{\"fuel_type_ids\":[]}",
	    &r), 200);
	assert_int_equal(cJSON_GetArraySize(tc_jget(r.json, "fuel_types")), 0);
	assert_int_equal(cJSON_GetArraySize(tc_jget(r.json, "price_chart")), 1);
	tc_resp_free(&r);
	snprintf(body, sizeof body, "{\"price_chart\":[{\"car_class_id\":%ld,"
	    "\"price\":1},{\"car_class_id\":%ld,\"price\":2}]}", c1, c1);
	assert_int_equal(tc_call("PUT", path, admin, body, &r), 422);
	tc_resp_free(&r);
	assert_int_equal(tc_call("PUT", path, admin, "{\"category_id\":999999}",
	    &r), 400);
	assert_string_equal(tc_detail(&r), "Invalid foreign key reference");
	tc_resp_free(&r);
}

static void
update_keeps_booking_line_prices(void **state)
{
	struct tc_resp	 r;
	char		 path[64], sql[2048];
	long		 id = create_service("Booked then repriced", 1, 1, 1);
	long		 car, addr;
	char		*cst = fresh_customer(&car, &addr), *v;

	snprintf(sql, sizeof sql, "WITH b AS (INSERT INTO bookings"
	    " (customer_id, customer_car_id, car_reg_number, status_id,"
	    " pickup_address_id, pickup_date, pickup_timeslot_id,"
	    " drop_address_id, drop_date, drop_timeslot_id, promised_at,"
	    " created_by) VALUES ('%s', %ld, 'CT', 9, %ld, current_date, 1,"
	    " %ld, current_date + 1, 2, now(), '%s') RETURNING id)"
	    " INSERT INTO booked_services (booking_id, service_id, status_id,"
	    " est_price) SELECT b.id, %ld, 12, 1499.50 FROM b"
	    " RETURNING booking_id", cst, car, addr, addr, cst, id);
	v = tc_sql(sql);
	assert_non_null(v);
	free(v);
	free(cst);
	snprintf(path, sizeof path, "/api/v1/services/%ld", id);
	assert_int_equal(tc_call("PUT", path, admin,
	    "{\"price_chart\":[{\"car_class_id\":1,\"price\":9999}]}", &r),
	    200);
	tc_resp_free(&r);
	assert_int_equal(tc_sql_long("SELECT est_price * 100 FROM"
	    " booked_services WHERE service_id = %ld", id), 149950);
	/* deleting it keeps the booking line too */
	assert_int_equal(tc_call("DELETE", path, admin, NULL, &r), 200);
	tc_resp_free(&r);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM booked_services"
	    " WHERE service_id = %ld", id), 1);
}

static void
update_and_delete_of_unknown_service_are_404(void **state)
{
	struct tc_resp	r;

	assert_int_equal(tc_call("PUT", "/api/v1/services/999999", admin,
	    "{\"title\":\"Nothing here\"}", &r), 404);
	assert_string_equal(tc_detail(&r), "Service not found.");
	tc_resp_free(&r);
	assert_int_equal(tc_call("DELETE", "/api/v1/services/999999", admin,
	    NULL, &r), 404);
	assert_string_equal(tc_detail(&r), "Service not found.");
	tc_resp_free(&r);
}

static void
delete_is_soft_and_empties_carts_and_favourites(void **state)
{
	struct tc_resp	 r;
	char		 path[64];
	long		 id = create_service("Soon gone", 1, 1, 1), car, addr;
	char		*cst = fresh_customer(&car, &addr);

	tc_sql_long("INSERT INTO cart (customer_id, service_id) VALUES ('%s',"
	    " %ld) RETURNING 1", cst, id);
	tc_sql_long("INSERT INTO favourites (customer_id, service_id) VALUES"
	    " ('%s', %ld) RETURNING 1", cst, id);
	free(cst);
	snprintf(path, sizeof path, "/api/v1/services/%ld", id);
	assert_int_equal(tc_call("DELETE", path, admin, NULL, &r), 200);
	assert_string_equal(tc_detail(&r), "Service deleted successfully.");
	tc_resp_free(&r);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM services WHERE id ="
	    " %ld AND deleted_at IS NOT NULL", id), 1);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM cart WHERE"
	    " service_id = %ld", id), 0);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM favourites WHERE"
	    " service_id = %ld", id), 0);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM price_chart WHERE"
	    " service_id = %ld", id), 1);
	assert_int_equal(tc_call("GET", path, NULL, NULL, &r), 404);
	tc_resp_free(&r);
	assert_int_equal(tc_call("PUT", path, admin, "{\"title\":\"Revived\"}",
	    &r), 404);
	tc_resp_free(&r);
}

/* Writes are admin-only: customers and mechanics lack the scopes. */
static void
non_admins_get_403_and_anonymous_401(void **state)
{
	static const struct {
		const char	*method, *path, *body;
	} rows[] = {
		{ "POST", "/api/v1/services/", "{}" },
		{ "PUT", "/api/v1/services/1", "{}" },
		{ "DELETE", "/api/v1/services/1", NULL },
		{ "POST", "/api/v1/services/category", "{}" },
		{ "PUT", "/api/v1/services/category/1", "{}" },
		{ "DELETE", "/api/v1/services/category/1", NULL },
	};
	struct tc_resp	r;
	size_t		i;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		assert_int_equal(tc_call(rows[i].method, rows[i].path, customer,
		    rows[i].body, &r), 403);
		tc_resp_free(&r);
		assert_int_equal(tc_call(rows[i].method, rows[i].path, mechanic,
		    rows[i].body, &r), 403);
		tc_resp_free(&r);
		assert_int_equal(tc_call(rows[i].method, rows[i].path, NULL,
		    rows[i].body, &r), 401);
		tc_resp_free(&r);
	}
	assert_int_equal(tc_sql_long("SELECT count(*) FROM services WHERE id ="
	    " 1 AND deleted_at IS NULL"), 1);
}

static void
categorized_groups_live_services_and_skips_empty_ones(void **state)
{
	struct tc_resp	 r;
	const cJSON	*it, *svc = NULL, *pc;
	long		 empty = fresh_category(), full = fresh_category(), cls;
	long		 sid;
	bool		 saw_empty = false;

	cls = fresh_class();
	sid = create_service("Grouped service", full, cls, 1);
	assert_int_equal(tc_call("GET",
	    "/api/v1/services/categorized?limit=500", NULL, NULL, &r), 200);
	cJSON_ArrayForEach(it, r.json) {
		long id = (long)tc_jget(it, "id")->valuedouble;

		assert_true(cJSON_IsString(tc_jget(it, "category_name")));
		if (id == empty)
			saw_empty = true;
		if (id == full)
			svc = cJSON_GetArrayItem(tc_jget(it, "services"), 0);
		if (id == 3)
			assert_int_equal(cJSON_GetArraySize(tc_jget(it,
			    "services")), 5);
	}
	assert_false(saw_empty);
	assert_non_null(svc);
	assert_int_equal((long)tc_jget(svc, "id")->valuedouble, sid);
	assert_string_equal(tc_jget(svc, "time_hrs")->valuestring, "1.25");
	pc = tc_jget(svc, "price_chart");
	assert_true(cJSON_IsObject(pc));
	{
		char key[24];

		snprintf(key, sizeof key, "%ld", cls);
		assert_true(cJSON_IsNumber(tc_jget(pc, key)));
		assert_true(tc_jget(pc, key)->valuedouble == 1499.5);
	}
	assert_true(cJSON_IsNumber(cJSON_GetArrayItem(tc_jget(svc,
	    "fuel_types"), 0)));
	assert_null(cJSON_GetObjectItem(svc, "category"));
	tc_resp_free(&r);
}

static void
recommend_brake_squeak_puts_brake_services_first(void **state)
{
	struct tc_resp	 r;
	const cJSON	*it, *first;
	double		 last = 101;
	long		 last_id = 0;

	assert_int_equal(tc_call("GET", "/api/v1/services/recommend?query="
	    "brakes%20squeaking%20when%20stopping", NULL, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 5);
	first = cJSON_GetArrayItem(r.json, 0);
	assert_int_equal(tc_jget(first, "id")->valuedouble, 9);
	/* raw = 2 + 2 + 2 + 4 (phrase "squeaking brakes"), n = 3: 10/13 */
	assert_true(tc_jget(first, "score")->valuedouble == 76.9);
	assert_non_null(strstr(r.body, "76.9"));
	assert_true(cJSON_IsObject(tc_jget(first, "price_chart")));
	assert_true(tc_jget(tc_jget(first, "price_chart"),
	    "1")->valuedouble == 2500.0);
	cJSON_ArrayForEach(it, r.json) {
		double	s = tc_jget(it, "score")->valuedouble;
		long	id = (long)tc_jget(it, "id")->valuedouble;

		assert_true(s <= last);
		if (s == last)
			assert_true(id > last_id);
		last = s;
		last_id = id;
	}
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/services/recommend?query="
	    "AC%20not%20cooling", NULL, NULL, &r), 200);
	assert_int_equal(tc_jget(cJSON_GetArrayItem(r.json, 0),
	    "id")->valuedouble, 29);
	assert_true(tc_jget(cJSON_GetArrayItem(r.json, 0),
	    "score")->valuedouble == 85.7);
	tc_resp_free(&r);
}

static void
recommend_stop_word_query_is_empty(void **state)
{
	struct tc_resp	r;

	assert_int_equal(tc_call("GET", "/api/v1/services/recommend?query="
	    "the%20and%20with%20my%20car", NULL, NULL, &r), 200);
	assert_true(cJSON_IsArray(r.json));
	assert_int_equal(cJSON_GetArraySize(r.json), 0);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/services/recommend?query="
	    "zzqqxxyy", NULL, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 0);
	tc_resp_free(&r);
}

static void
recommend_query_length_is_checked(void **state)
{
	struct tc_resp	 r;
	char		 path[512];

	assert_int_equal(tc_call("GET", "/api/v1/services/recommend", NULL,
	    NULL, &r), 422);
	assert_string_equal(tc_jget(cJSON_GetArrayItem(tc_jget(r.json,
	    "detail"), 0), "type")->valuestring, "missing");
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/services/recommend?query=a",
	    NULL, NULL, &r), 422);
	assert_string_equal(tc_jget(cJSON_GetArrayItem(tc_jget(r.json,
	    "detail"), 0), "type")->valuestring, "string_too_short");
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/services/recommend?query=%0201d",
	    0);
	assert_int_equal(tc_call("GET", path, NULL, NULL, &r), 422);
	tc_resp_free(&r);
}

static void
recommend_finds_new_services_and_forgets_deleted_ones(void **state)
{
	struct tc_resp	 r;
	char		 title[64], path[128];
	long		 u = tc_unique_phone(), id;

	snprintf(title, sizeof title, "Quux%ld Flange%ld", u, u);
	id = create_service(title, 1, 1, 1);
	snprintf(path, sizeof path, "/api/v1/services/recommend?query=quux%ld"
	    "%%20flange%ld", u, u);
	assert_int_equal(tc_call("GET", path, NULL, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	assert_int_equal((long)tc_jget(cJSON_GetArrayItem(r.json, 0),
	    "id")->valuedouble, id);
	/* both tokens in the title: 6 / (3·2 + 4) */
	assert_true(tc_jget(cJSON_GetArrayItem(r.json, 0),
	    "score")->valuedouble == 60.0);
	tc_resp_free(&r);
	snprintf(title, sizeof title, "/api/v1/services/%ld", id);
	assert_int_equal(tc_call("DELETE", title, admin, NULL, &r), 200);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", path, NULL, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 0);
	tc_resp_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seeded_categories_are_listed_publicly),
		cmocka_unit_test(category_create_update_and_duplicate_name),
		cmocka_unit_test(category_body_rules_are_422),
		cmocka_unit_test(category_in_use_is_409_until_its_services_go),
		cmocka_unit_test(
		    seeded_catalogue_lists_58_services_with_21_prices_each),
		cmocka_unit_test(list_filters_by_class_fuel_category_and_text),
		cmocka_unit_test(list_pages_with_total_count),
		cmocka_unit_test(service_get_returns_service_response_or_404),
		cmocka_unit_test(create_stores_price_chart_and_fuel_types),
		cmocka_unit_test(duplicate_class_in_price_chart_is_422),
		cmocka_unit_test(service_body_rules_are_422),
		cmocka_unit_test(unknown_category_class_or_fuel_is_400),
		cmocka_unit_test(update_replaces_price_chart_and_fuel_types),
		cmocka_unit_test(update_keeps_booking_line_prices),
		cmocka_unit_test(update_and_delete_of_unknown_service_are_404),
		cmocka_unit_test(
		    delete_is_soft_and_empties_carts_and_favourites),
		cmocka_unit_test(non_admins_get_403_and_anonymous_401),
		cmocka_unit_test(
		    categorized_groups_live_services_and_skips_empty_ones),
		cmocka_unit_test(
		    recommend_brake_squeak_puts_brake_services_first),
		cmocka_unit_test(recommend_stop_word_query_is_empty),
		cmocka_unit_test(recommend_query_length_is_checked),
		cmocka_unit_test(
		    recommend_finds_new_services_and_forgets_deleted_ones),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
