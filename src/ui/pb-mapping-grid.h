/* pb-mapping-grid.h: one side of the mapping, as a grid of drop-downs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pb-core.h"

G_BEGIN_DECLS

#define PB_TYPE_MAPPING_GRID (pb_mapping_grid_get_type ())

G_DECLARE_FINAL_TYPE (PbMappingGrid, pb_mapping_grid, PB, MAPPING_GRID, GtkWidget)

/* Both grids are this widget. @subject PB_SUBJECT_PRESENCE shows every
 * presence status with the agent state it sets; PB_SUBJECT_STATE every
 * agent state (majors with their minors in a tree) with the presence it
 * shows. A row per item, recycled (5,000 cost what 20 do), in two real
 * columns (a PbColumnsLayout) under a header that lines up with them.
 *
 * The grid reads the configuration it is given and follows its
 * "changed" and "lists-changed" signals; it never writes it: choosing an
 * entry emits ::mapping-chosen, and the owner makes the edit (through its
 * undo stack). */
GtkWidget  *pb_mapping_grid_new                (PbSubject        subject);
PbSubject   pb_mapping_grid_get_subject        (PbMappingGrid   *self);
void        pb_mapping_grid_set_configuration  (PbMappingGrid   *self,
                                                PbConfiguration *configuration);

/* Shows only the rows whose name, id or value (what its drop-down shows)
 * contains @text, case-insensitively; NULL or "" shows every row. A
 * matching minor state shows its major, a matching major its minors. */
void        pb_mapping_grid_set_search         (PbMappingGrid   *self,
                                                const char      *text);
/* What the grid shows after the search: PbPresenceStatus items, or
 * GtkTreeListRow items holding PbAgentState. */
GListModel *pb_mapping_grid_get_model          (PbMappingGrid   *self);

/* Scrolls to the row of @subject_id and focuses its drop-down, now or as
 * soon as the row is built. FALSE when the search hides it or there is
 * none. */
gboolean    pb_mapping_grid_focus_subject      (PbMappingGrid   *self,
                                                const char      *subject_id);
/* Moves the focus into the grid, to the row it was on last. FALSE when
 * there is no row. */
gboolean    pb_mapping_grid_focus              (PbMappingGrid   *self);
/* The PbMappingRow bound to @subject_id, or NULL when it is scrolled out
 * of view (rows exist only for what is near the view). */
GtkWidget  *pb_mapping_grid_lookup_row         (PbMappingGrid   *self,
                                                const char      *subject_id);

/* -1: the list fills the grid's height and scrolls inside it (the wide
 * layout). Otherwise the grid is as tall as its rows, up to @height
 * pixels of them (the narrow layout, one page scrolling as a whole). */
void        pb_mapping_grid_set_list_height    (PbMappingGrid   *self,
                                                int              height);

G_END_DECLS
