/* pb-simulation-panel.h: an agent's day played through the draft
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pb-core.h"

G_BEGIN_DECLS

/* The day the panel plays (docs/simulation.md). */
typedef enum
{
  PB_SIMULATION_DAY_DEFAULT,
  PB_SIMULATION_DAY_EVERY_STATUS,
  PB_SIMULATION_DAY_FILE,
} PbSimulationDay;

#define PB_TYPE_SIMULATION_PANEL (pb_simulation_panel_get_type ())

G_DECLARE_FINAL_TYPE (PbSimulationPanel, pb_simulation_panel, PB, SIMULATION_PANEL, GtkWidget)

/* The Simulation view (docs/simulation.md, "In the window"): the chosen
 * day played through the draft, a line per step and per flag, the same
 * steps as `presence-bridge-cli simulate`; compared with the newest saved
 * revision on request. Nothing is built before the panel is first shown,
 * and nothing runs while it is hidden: a run happens in a worker thread
 * when it is shown and the draft, the day or the comparison changed; a
 * run made stale by a newer change is cancelled. Activating a flag emits
 * ::flag-activated; ::updated follows every run (and every reason a day
 * cannot be played), which is what tests and benchmarks wait on. */
GtkWidget       *pb_simulation_panel_new                (void);

/* @draft: the configuration edited (NULL: none open); @saved: its newest
 * saved revision, NULL when there is none. Called after every change;
 * the panel keeps both (the draft is copied when a run starts). */
void             pb_simulation_panel_set_configurations (PbSimulationPanel *self,
                                                         PbConfiguration   *draft,
                                                         PbConfiguration   *saved);

/* What the Day drop-down and the switch do. Choosing
 * PB_SIMULATION_DAY_FILE plays the file last loaded. */
void             pb_simulation_panel_set_day            (PbSimulationPanel *self,
                                                         PbSimulationDay    day);
PbSimulationDay  pb_simulation_panel_get_day            (PbSimulationPanel *self);
void             pb_simulation_panel_set_compare        (PbSimulationPanel *self,
                                                         gboolean           compare);
gboolean         pb_simulation_panel_get_compare        (PbSimulationPanel *self);
/* What the file chooser does once a day script is chosen (tests call it
 * directly): reads @file in a worker thread and plays it; what is wrong
 * with it is shown as a sentence, the reader's line:column under it. */
void             pb_simulation_panel_load_day_file      (PbSimulationPanel *self,
                                                         GFile             *file);

/* The lines shown (PbSimLine), the draft's steps of the last run
 * (PbSimStep, NULL before the first), and the sentence saying why the day
 * cannot be played (NULL when it is). */
GListModel      *pb_simulation_panel_get_lines          (PbSimulationPanel *self);
GListModel      *pb_simulation_panel_get_steps          (PbSimulationPanel *self);
const char      *pb_simulation_panel_get_error          (PbSimulationPanel *self);

/* TRUE while a run is under way or a day file is read ("notify::busy"). */
gboolean         pb_simulation_panel_get_busy           (PbSimulationPanel *self);

/* Moves the focus into the timeline (to the Day drop-down while it is
 * empty, and into the timeline once its first run is shown). */
gboolean         pb_simulation_panel_focus              (PbSimulationPanel *self);

G_END_DECLS
