/* pb-sim-row.h: one row of the Simulation view's timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pb-sim-line.h"

G_BEGIN_DECLS

#define PB_TYPE_SIM_ROW (pb_sim_row_get_type ())

G_DECLARE_FINAL_TYPE (PbSimRow, pb_sim_row, PB, SIM_ROW, GtkWidget)

/* A recycled row showing a PbSimLine. A step: "3. An inbound call
 * arrives", then the ContactPad state and the Omni-Channel presence in two
 * columns, what the step changed in bold; compared with the saved
 * revision, what differs ("Saved: … → Draft: …"). A flag: its severity
 * and sentence, and whether only the draft or only the saved revision
 * raises it. The rule and its explanation, and a flag's place in the
 * file, are in the tooltip and the accessible description; the
 * accessible label reads the line as a sentence. */
GtkWidget *pb_sim_row_new      (void);
void       pb_sim_row_bind     (PbSimRow  *self,
                                PbSimLine *line);
void       pb_sim_row_unbind   (PbSimRow  *self);
PbSimLine *pb_sim_row_get_line (PbSimRow  *self);

G_END_DECLS
