/* pb-columns-layout.h: the two columns of a mapping grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PB_TYPE_COLUMNS_LAYOUT (pb_columns_layout_get_type ())

G_DECLARE_FINAL_TYPE (PbColumnsLayout, pb_columns_layout, PB, COLUMNS_LAYOUT, GtkLayoutManager)

/* Lays out the first two visible children of a widget as the two columns
 * of a grid: side by side, each half of the width (less the spacing), so
 * that the header and every row of a grid line up whatever they hold.
 * Narrower than "stack-below" pixels, the second goes under the first at
 * the full width: on a phone a value is read whole, not cut in half. */
GtkLayoutManager *pb_columns_layout_new             (void);
int               pb_columns_layout_get_stack_below (PbColumnsLayout *self);
void              pb_columns_layout_set_stack_below (PbColumnsLayout *self,
                                                     int              width);

G_END_DECLS
