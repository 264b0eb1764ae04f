/* The mechanics list, merged from its two sources by mechanic id, and
 * the fitness rules the assignment picker shows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "status.h"
#include "xmalloc.h"
#include "model/detail.h"
#include "model/json.h"
#include "model/mechanics.h"

void
tui_mechs_init(struct tui_mechs *ms)
{
	memset(ms, 0, sizeof *ms);
}

static void
mech_cleanup(struct tui_mech *m)
{
	free(m->id);
	free(m->name);
	free(m->phone);
	free(m->cats);
	free(m->jobs);
	memset(m, 0, sizeof *m);
}

static void
mechs_clear(struct tui_mechs *ms)
{
	size_t	i;

	for (i = 0; i < ms->n; i++)
		mech_cleanup(&ms->m[i]);
	free(ms->m);
	ms->m = NULL;
	ms->n = 0;
}

void
tui_mechs_cleanup(struct tui_mechs *ms)
{
	size_t	i;

	mechs_clear(ms);
	for (i = 0; i < ms->ncats; i++)
		free(ms->cats[i].name);
	free(ms->cats);
	memset(ms, 0, sizeof *ms);
}

struct tui_mech *
tui_mechs_find(const struct tui_mechs *ms, const char *id)
{
	size_t	i;

	for (i = 0; id != NULL && i < ms->n; i++)
		if (strcmp(ms->m[i].id, id) == 0)
			return &ms->m[i];
	return NULL;
}

/*
 * Apply GET /mechanics/ ([MechanicResponse]): the list is replaced, the
 * workload of mechanics still listed is kept until its own reply. The
 * cursor stays in range. Returns 0, or -1 when the body is not an array.
 */
int
tui_mechs_apply_list(struct tui_mechs *ms, const char *body)
{
	cJSON		*o;
	const cJSON	*it, *c, *cats;
	struct tui_mech	*m, *old = ms->m;
	size_t		 nold = ms->n, i, k;

	o = body != NULL ? cJSON_Parse(body) : NULL;
	if (!cJSON_IsArray(o)) {
		cJSON_Delete(o);
		return -1;
	}
	ms->m = xcalloc((size_t)cJSON_GetArraySize(o) + 1, sizeof *ms->m);
	ms->n = 0;
	cJSON_ArrayForEach(it, o) {
		if (tui_json_str(it, "id") == NULL)
			continue;
		m = &ms->m[ms->n++];
		m->id = tui_json_dup(it, "id");
		m->name = tui_json_dup(it, "name");
		m->phone = tui_json_text(it, "phone");
		m->pickup_drop = tui_json_bool(it, "pickup_drop");
		m->analysis = tui_json_bool(it, "analysis");
		m->assigned = tui_json_bool(it, "assigned");
		m->score = tui_json_long(it, "score", 0);
		cats = cJSON_GetObjectItemCaseSensitive(it,
		    "service_categories");
		m->cats = xcalloc((size_t)cJSON_GetArraySize(cats) + 1,
		    sizeof *m->cats);
		cJSON_ArrayForEach(c, cats)
			m->cats[m->ncats++] = cJSON_IsNumber(c) ?
			    (long)c->valuedouble : tui_json_long(c, "id", 0);
		for (i = 0; i < nold; i++) {
			if (strcmp(old[i].id, m->id) != 0 || !old[i].has_load)
				continue;
			m->jobs = old[i].jobs;
			m->njobs = old[i].njobs;
			old[i].jobs = NULL;
			memcpy(m->hours, old[i].hours, sizeof m->hours);
			m->has_load = true;
		}
	}
	for (k = 0; k < nold; k++)
		mech_cleanup(&old[k]);
	free(old);
	ms->loaded = true;
	if (ms->cursor >= (int)ms->n)
		ms->cursor = ms->n > 0 ? (int)ms->n - 1 : 0;
	cJSON_Delete(o);
	return 0;
}

/* Apply GET /mechanics/workload: jobs and hours onto listed mechanics
 * (categories too, for a workload that arrives first). */
int
tui_mechs_apply_workload(struct tui_mechs *ms, const char *body)
{
	cJSON		*o;
	const cJSON	*it, *a, *arr;
	struct tui_mech	*m;
	struct tui_job	*j;
	const char	*hours, *type;

	o = body != NULL ? cJSON_Parse(body) : NULL;
	if (!cJSON_IsArray(o)) {
		cJSON_Delete(o);
		return -1;
	}
	cJSON_ArrayForEach(it, o) {
		m = tui_mechs_find(ms, tui_json_str(it, "id"));
		if (m == NULL)
			continue;
		free(m->jobs);
		arr = cJSON_GetObjectItemCaseSensitive(it,
		    "active_assignments");
		m->jobs = xcalloc((size_t)cJSON_GetArraySize(arr) + 1,
		    sizeof *m->jobs);
		m->njobs = 0;
		cJSON_ArrayForEach(a, arr) {
			j = &m->jobs[m->njobs++];
			j->id = tui_json_long(a, "id", 0);
			j->booking_id = tui_json_long(a, "booking_id", 0);
			type = tui_json_str(a, "assignment_type");
			j->type = type != NULL ?
			    proto_assignment_type_parse(type) : 0;
			j->assigned_at = tui_json_time(a, "assigned_at");
		}
		hours = tui_json_str(it, "active_hours");
		snprintf(m->hours, sizeof m->hours, "%s",
		    hours != NULL ? hours : "");
		m->score = tui_json_long(it, "score", m->score);
		m->has_load = true;
	}
	cJSON_Delete(o);
	return 0;
}

/* Apply GET /services/category: the names of category ids. */
int
tui_mechs_apply_categories(struct tui_mechs *ms, const char *body)
{
	cJSON		*o;
	const cJSON	*it;
	size_t		 i;

	o = body != NULL ? cJSON_Parse(body) : NULL;
	if (!cJSON_IsArray(o)) {
		cJSON_Delete(o);
		return -1;
	}
	for (i = 0; i < ms->ncats; i++)
		free(ms->cats[i].name);
	free(ms->cats);
	ms->cats = xcalloc((size_t)cJSON_GetArraySize(o) + 1,
	    sizeof *ms->cats);
	ms->ncats = 0;
	cJSON_ArrayForEach(it, o) {
		ms->cats[ms->ncats].id = tui_json_long(it, "id", 0);
		ms->cats[ms->ncats].name = tui_json_dup(it, "name");
		ms->ncats++;
	}
	cJSON_Delete(o);
	return 0;
}

/* The name of category id, or NULL when not known. */
const char *
tui_mechs_category_name(const struct tui_mechs *ms, long id)
{
	size_t	i;

	for (i = 0; i < ms->ncats; i++)
		if (ms->cats[i].id == id)
			return ms->cats[i].name;
	return NULL;
}

/* How many active assignments of type (0: any) the mechanic holds. */
size_t
tui_mech_jobs_of(const struct tui_mech *m, int type)
{
	size_t	i, k = 0;

	for (i = 0; i < m->njobs; i++)
		if (type == 0 || m->jobs[i].type == type)
			k++;
	return k;
}

/*
 * Why the mechanic cannot take an assignment of type on booking (the
 * picker shows it), or NULL when he can as far as the client knows. d,
 * when it is that booking's loaded detail, lets service work be matched
 * to his categories; without it the server decides.
 */
const char *
tui_mech_unfit(const struct tui_mech *m, int type, long booking,
    const struct tui_detail *d)
{
	size_t	i;

	switch (type) {
	case PROTO_ASSIGN_PICKUP:
	case PROTO_ASSIGN_DROP:
		if (!m->pickup_drop)
			return "no pickup/drop";
		return NULL;
	case PROTO_ASSIGN_ANALYSIS:
		if (!m->analysis)
			return "no analysis";
		break;
	case PROTO_ASSIGN_SERVICE:
		if (d != NULL && d->id == booking &&
		    (d->have & TUI_DETAIL_BOOKING) != 0 &&
		    !tui_detail_has_category(d, m->cats, m->ncats))
			return "no category";
		break;
	default:
		return "unknown type";
	}
	for (i = 0; i < m->njobs; i++)
		if (m->jobs[i].type == type && m->jobs[i].booking_id != booking)
			return type == PROTO_ASSIGN_ANALYSIS ?
			    "busy: analysis" : "busy: service";
	return NULL;
}

/* Filter words against id, name, phone. */
bool
tui_mech_matches(const struct tui_mech *m, const char *filter)
{
	char	 buf[128], *w, *save;

	snprintf(buf, sizeof buf, "%s", filter != NULL ? filter : "");
	for (w = strtok_r(buf, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save))
		if (strcasestr(m->id, w) == NULL &&
		    (m->name == NULL || strcasestr(m->name, w) == NULL) &&
		    (m->phone == NULL || strstr(m->phone, w) == NULL))
			return false;
	return true;
}

/* How many mechanics pass the screen's filter. */
size_t
tui_mechs_count(const struct tui_mechs *ms)
{
	size_t	i, k = 0;

	for (i = 0; i < ms->n; i++)
		if (tui_mech_matches(&ms->m[i], ms->filter))
			k++;
	return k;
}

/* The index-th mechanic passing the filter, or NULL. */
const struct tui_mech *
tui_mechs_at(const struct tui_mechs *ms, int index)
{
	size_t	i;
	int	k = 0;

	for (i = 0; i < ms->n; i++)
		if (tui_mech_matches(&ms->m[i], ms->filter) && k++ == index)
			return &ms->m[i];
	return NULL;
}
