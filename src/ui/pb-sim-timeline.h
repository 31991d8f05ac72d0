/* pb-sim-timeline.h: the Simulation view's lines, kept up to date off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pb-core.h"

G_BEGIN_DECLS

#define PB_TYPE_SIM_TIMELINE (pb_sim_timeline_get_type ())

G_DECLARE_FINAL_TYPE (PbSimTimeline, pb_sim_timeline, PB, SIM_TIMELINE, GObject)

/* A day played through a configuration, as the lines (PbSimLine) a view
 * shows. Everything that costs in proportion to the day happens in
 * worker threads: the runs (pb_simulation_run_async()), the comparison,
 * building the lines and working out which steps changed, and freeing
 * what an update replaced. The main thread only splices the lines of the
 * steps that changed into pb_sim_timeline_get_lines(), so a view keeps
 * its rows, its focus and its place. A request made while a run is
 * under way cancels it and follows it; the saved revision's run is kept
 * and reused while neither it nor the day changes. ::updated follows
 * every request that was not overtaken by another; "busy" is TRUE from a
 * request until then. */
PbSimTimeline *pb_sim_timeline_new            (void);

/* Plays @day through @draft (copied now) and, when @saved is not NULL,
 * through @saved too, to compare them. */
void           pb_sim_timeline_play           (PbSimTimeline   *self,
                                               PbConfiguration *draft,
                                               PbDayScript     *day,
                                               PbConfiguration *saved);
/* No day: no lines (a run under way is cancelled). */
void           pb_sim_timeline_clear          (PbSimTimeline   *self);

/* The lines shown (PbSimLine), updated in place. */
GListModel    *pb_sim_timeline_get_lines      (PbSimTimeline   *self);
/* The draft's steps (PbSimStep) and, compared, the PbSimComparison of
 * each; NULL when there are none. */
GListModel    *pb_sim_timeline_get_steps      (PbSimTimeline   *self);
GListModel    *pb_sim_timeline_get_comparisons (PbSimTimeline  *self);
/* Steps with at least one flag, flags of error severity, steps that
 * differ from the saved revision. */
guint          pb_sim_timeline_get_n_flagged  (PbSimTimeline   *self);
guint          pb_sim_timeline_get_n_errors   (PbSimTimeline   *self);
guint          pb_sim_timeline_get_n_differing (PbSimTimeline  *self);
gboolean       pb_sim_timeline_get_busy       (PbSimTimeline   *self);

G_END_DECLS
