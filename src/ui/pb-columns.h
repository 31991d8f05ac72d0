/* pb-columns.h: a widget holding two columns, such as a grid's header
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PB_TYPE_COLUMNS (pb_columns_get_type ())

G_DECLARE_FINAL_TYPE (PbColumns, pb_columns, PB, COLUMNS, GtkWidget)

/* Its two children (added in a .ui file) line up with the columns of the
 * rows below them: both are laid out by a PbColumnsLayout. */
GtkWidget *pb_columns_new (void);

G_END_DECLS
