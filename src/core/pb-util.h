/* pb-util.h: small helpers private to the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* g_set_str() arrived in GLib 2.76; this tree pins 2.74. */
gboolean pb_set_str          (char          **str_pointer,
                              const char     *new_str);
/* GCompareFunc for g_ptr_array_sort() over C strings. */
int      pb_compare_strings  (gconstpointer   a,
                              gconstpointer   b);
/* What a terminal would act on instead of showing it: C0 controls, DEL, C1
 * controls, and the bidirectional overrides and isolates that make text
 * read differently from what it is. The file writer escapes them, and so
 * does the CLI's terminal output. */
gboolean pb_unichar_is_unsafe (gunichar        c);

/* The items of @model, each with a reference, in a GPtrArray that drops
 * them when freed. */
GPtrArray *pb_list_model_to_array (GListModel     *model);

G_END_DECLS
