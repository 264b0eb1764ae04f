/* Every route handler, one file per resource under routes/. */
#ifndef BK_ROUTES_H
#define BK_ROUTES_H

#include "http.h"

/* routes/ops.c */
bk_handler_fn	bk_ops_root;
bk_handler_fn	bk_ops_health;
bk_handler_fn	bk_ops_ready;
bk_handler_fn	bk_ops_docs;
bk_handler_fn	bk_ops_openapi;

/* routes/auth.c */
bk_handler_fn	bk_auth_login;
bk_handler_fn	bk_auth_refresh;
bk_handler_fn	bk_auth_logout;
bk_handler_fn	bk_auth_me;
bk_handler_fn	bk_auth_password;
bk_handler_fn	bk_auth_sessions;
bk_handler_fn	bk_auth_sessions_delete;
bk_handler_fn	bk_auth_roles;

/* routes/areas.c */
bk_handler_fn	bk_areas_list;
bk_handler_fn	bk_areas_create;
bk_handler_fn	bk_areas_update;
bk_handler_fn	bk_areas_delete;

/* routes/customers.c */
bk_handler_fn	bk_customers_create;
bk_handler_fn	bk_customers_list;
bk_handler_fn	bk_customers_update;
bk_handler_fn	bk_customers_delete;
bk_handler_fn	bk_customers_cart_list;
bk_handler_fn	bk_customers_cart_add;
bk_handler_fn	bk_customers_cart_remove;
bk_handler_fn	bk_customers_favourite_list;
bk_handler_fn	bk_customers_favourite_add;
bk_handler_fn	bk_customers_favourite_remove;

/* routes/admins.c */
bk_handler_fn	bk_admins_list;
bk_handler_fn	bk_admins_create;
bk_handler_fn	bk_admins_get;
bk_handler_fn	bk_admins_update;
bk_handler_fn	bk_admins_delete;

/* routes/mechanics.c */
bk_handler_fn	bk_mechanics_list;
bk_handler_fn	bk_mechanics_create;
bk_handler_fn	bk_mechanics_workload;
bk_handler_fn	bk_mechanics_update;
bk_handler_fn	bk_mechanics_delete;
bk_handler_fn	bk_mechanics_types_list;
bk_handler_fn	bk_mechanics_types_create;
bk_handler_fn	bk_mechanics_types_update;
bk_handler_fn	bk_mechanics_types_delete;

/* routes/users.c */
bk_handler_fn	bk_users_password_reset;

/* routes/cars.c */
bk_handler_fn	bk_cars_models_list;
bk_handler_fn	bk_cars_models_create;
bk_handler_fn	bk_cars_models_update;
bk_handler_fn	bk_cars_models_delete;
bk_handler_fn	bk_cars_list;
bk_handler_fn	bk_cars_create;
bk_handler_fn	bk_cars_get;
bk_handler_fn	bk_cars_update;
bk_handler_fn	bk_cars_delete;

/* routes/car_lookups.c */
bk_handler_fn	bk_car_lookups_class_list;
bk_handler_fn	bk_car_lookups_class_create;
bk_handler_fn	bk_car_lookups_class_update;
bk_handler_fn	bk_car_lookups_class_delete;
bk_handler_fn	bk_car_lookups_fuel_list;
bk_handler_fn	bk_car_lookups_fuel_create;
bk_handler_fn	bk_car_lookups_fuel_update;
bk_handler_fn	bk_car_lookups_fuel_delete;
bk_handler_fn	bk_car_lookups_manufacturer_list;
bk_handler_fn	bk_car_lookups_manufacturer_create;
bk_handler_fn	bk_car_lookups_manufacturer_update;
bk_handler_fn	bk_car_lookups_manufacturer_delete;

/* routes/addresses.c */
bk_handler_fn	bk_addresses_list;
bk_handler_fn	bk_addresses_create;
bk_handler_fn	bk_addresses_update;
bk_handler_fn	bk_addresses_delete;

/* routes/utils.c */
bk_handler_fn	bk_utils_status_list;
bk_handler_fn	bk_utils_status_create;
bk_handler_fn	bk_utils_status_update;
bk_handler_fn	bk_utils_status_delete;
bk_handler_fn	bk_utils_timeslot_list;
bk_handler_fn	bk_utils_timeslot_create;
bk_handler_fn	bk_utils_timeslot_update;
bk_handler_fn	bk_utils_timeslot_delete;
bk_handler_fn	bk_utils_payment_methods_list;
bk_handler_fn	bk_utils_notification_categories_list;

/* routes/categories.c */
bk_handler_fn	bk_categories_list;
bk_handler_fn	bk_categories_create;
bk_handler_fn	bk_categories_update;
bk_handler_fn	bk_categories_delete;

/* routes/services.c */
bk_handler_fn	bk_services_list;
bk_handler_fn	bk_services_create;
bk_handler_fn	bk_services_categorized;
bk_handler_fn	bk_services_recommend;
bk_handler_fn	bk_services_get;
bk_handler_fn	bk_services_update;
bk_handler_fn	bk_services_delete;

/* routes/reviews.c */
bk_handler_fn	bk_reviews_list;
bk_handler_fn	bk_reviews_create;
bk_handler_fn	bk_reviews_update;
bk_handler_fn	bk_reviews_delete;

/* routes/media.c */
bk_handler_fn	bk_media_upload;
bk_handler_fn	bk_media_get;

/* routes/bookings.c */
bk_handler_fn	bk_bookings_create;
bk_handler_fn	bk_bookings_customer_list;
bk_handler_fn	bk_bookings_get;
bk_handler_fn	bk_bookings_confirm;
bk_handler_fn	bk_bookings_cancel;

/* routes/dashboard.c */
bk_handler_fn	bk_dashboard_list;

/* routes/assignments.c */
bk_handler_fn	bk_assignments_assign;
bk_handler_fn	bk_assignments_release;
bk_handler_fn	bk_assignments_list;

/* routes/progress.c */
bk_handler_fn	bk_progress_post;
bk_handler_fn	bk_progress_edit;
bk_handler_fn	bk_progress_validate;
bk_handler_fn	bk_progress_list;

/* routes/analysis.c */
bk_handler_fn	bk_analysis_post;
bk_handler_fn	bk_analysis_edit;
bk_handler_fn	bk_analysis_validate;
bk_handler_fn	bk_analysis_get;

/* routes/events.c */
bk_handler_fn	bk_events_booking_list;
bk_handler_fn	bk_events_list;

/* routes/settings.c */
bk_handler_fn	bk_settings_list;
bk_handler_fn	bk_settings_validation;
bk_handler_fn	bk_settings_analysis_validation;
bk_handler_fn	bk_settings_assignment;

/* routes/gst.c */
bk_handler_fn	bk_gst_get;
bk_handler_fn	bk_gst_set;

/* Process start, for /health's uptime (set once by main). */
extern long	bk_started_at;

#endif
