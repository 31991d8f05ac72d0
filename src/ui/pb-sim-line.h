/* pb-sim-line.h: one line of the Simulation view's timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pb-core.h"

G_BEGIN_DECLS

typedef enum
{
  PB_SIM_LINE_STEP, /* an event and what both systems show after it */
  PB_SIM_LINE_FLAG, /* a flag of the step above it */
} PbSimLineKind;

/* Compared with the saved revision, a flag is in both runs of its step,
 * only in the draft's, or only in the saved revision's. */
typedef enum
{
  PB_SIM_FLAG_IN_BOTH,
  PB_SIM_FLAG_ADDED,
  PB_SIM_FLAG_REMOVED,
} PbSimFlagChange;

#define PB_TYPE_SIM_LINE (pb_sim_line_get_type ())

G_DECLARE_FINAL_TYPE (PbSimLine, pb_sim_line, PB, SIM_LINE, GObject)

/* The timeline of a day played through the draft (@steps, PbSimStep): a
 * line per step, followed by a line per flag; with @comparisons (the
 * PbSimComparison of the same day played through the saved revision and
 * the draft) each step also knows what differs, and the flags only the
 * saved revision raised follow the draft's. An array of PbSimLine (lines
 * never change, so that worker threads may read them side by side). */
GPtrArray       *pb_sim_line_build_timeline    (GListModel *steps,
                                                GListModel *comparisons);

PbSimLineKind    pb_sim_line_get_kind          (PbSimLine  *self);
/* The draft's step (of a flag line: the step it belongs to). */
PbSimStep       *pb_sim_line_get_step          (PbSimLine  *self);
/* The saved revision's run of the same step, NULL when not comparing. */
PbSimStep       *pb_sim_line_get_saved_step    (PbSimLine  *self);
PbSimDifference  pb_sim_line_get_differences   (PbSimLine  *self);
/* A flag line's flag; NULL for a step. */
PbFinding       *pb_sim_line_get_flag          (PbSimLine  *self);
PbSimFlagChange  pb_sim_line_get_flag_change   (PbSimLine  *self);

/* Whether two lines show the same thing, so that an update rebinds only
 * the lines that changed. */
gboolean         pb_sim_line_equal             (PbSimLine  *a,
                                                PbSimLine  *b);

G_END_DECLS
