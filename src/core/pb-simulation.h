/* pb-simulation.h: an agent's day played through a configuration
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-configuration.h"
#include "pb-day-script.h"
#include "pb-sim-comparison.h"
#include "pb-sim-step.h"

G_BEGIN_DECLS

/* Plays @script through @configuration, by the rules of docs/simulation.md:
 * a GListModel of PbSimStep, one per event of the day. Events naming a
 * status or a state the configuration does not have become steps where
 * nothing happens (pb_day_script_check_references() refuses them first
 * where that is wanted). */
GListModel *pb_simulation_run          (PbConfiguration      *configuration,
                                        PbDayScript          *script);
/* The same in a worker thread, on a copy of @configuration taken now, so
 * the caller may go on editing it. */
void        pb_simulation_run_async    (PbConfiguration      *configuration,
                                        PbDayScript          *script,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
GListModel *pb_simulation_run_finish   (GAsyncResult         *result,
                                        GError              **error);

/* Two runs of the same day, step by step: a GListModel of PbSimComparison.
 * Both must have as many steps. */
GListModel *pb_simulation_compare      (GListModel           *before,
                                        GListModel           *after);
guint       pb_simulation_count_flags  (GListModel           *steps,
                                        PbSeverity            severity);

G_END_DECLS
