/* Mechanics for the Mechanics screen and the assignment picker: GET
 * /mechanics/ (abilities, categories) joined with GET /mechanics/workload
 * (open jobs, hours), and the service categories' names. Also who may
 * take which assignment (SPEC §5.3, §5.6 rules 6 and 8). Pure. */
#ifndef TUI_MODEL_MECHANICS_H
#define TUI_MODEL_MECHANICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct tui_detail;

struct tui_job {
	long	 id;		/* assignment id */
	long	 booking_id;
	int	 type;		/* assignment type id */
	time_t	 assigned_at;
};

struct tui_mech {
	char		*id;
	char		*name;
	char		*phone;
	bool		 pickup_drop;
	bool		 analysis;
	bool		 assigned;
	long		*cats;		/* service category ids */
	size_t		 ncats;
	long		 score;
	struct tui_job	*jobs;		/* active assignments */
	size_t		 njobs;
	char		 hours[16];	/* active_hours, "3.50" */
	bool		 has_load;	/* the workload row arrived */
};

struct tui_category {
	long	 id;
	char	*name;
};

struct tui_mechs {
	struct tui_mech		*m;
	size_t			 n;
	bool			 loaded;	/* the list arrived */
	struct tui_category	*cats;
	size_t			 ncats;
	int			 cursor;	/* selected index */
	char			 filter[128];
};

void		 tui_mechs_init(struct tui_mechs *);
void		 tui_mechs_cleanup(struct tui_mechs *);
int		 tui_mechs_apply_list(struct tui_mechs *, const char *);
int		 tui_mechs_apply_workload(struct tui_mechs *, const char *);
int		 tui_mechs_apply_categories(struct tui_mechs *, const char *);
struct tui_mech	*tui_mechs_find(const struct tui_mechs *, const char *);
const char	*tui_mechs_category_name(const struct tui_mechs *, long);
size_t		 tui_mech_jobs_of(const struct tui_mech *, int);
const char	*tui_mech_unfit(const struct tui_mech *, int, long,
		     const struct tui_detail *);
bool		 tui_mech_matches(const struct tui_mech *, const char *);
size_t		 tui_mechs_count(const struct tui_mechs *);
const struct tui_mech *tui_mechs_at(const struct tui_mechs *, int);

#endif
