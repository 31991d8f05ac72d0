/* pb-sim-comparison.h: one step of a day played through two configurations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-sim-step.h"

G_BEGIN_DECLS

/* What differs for the agent between the two runs of a step. */
typedef enum
{
  PB_SIM_DIFFERENCE_NONE     = 0,
  PB_SIM_DIFFERENCE_STATE    = 1 << 0, /* the ContactPad state */
  PB_SIM_DIFFERENCE_PRESENCE = 1 << 1, /* the Omni-Channel presence */
  PB_SIM_DIFFERENCE_FLAGS    = 1 << 2, /* the flags (by code and subject) */
} PbSimDifference;

#define PB_TYPE_SIM_COMPARISON (pb_sim_comparison_get_type ())

G_DECLARE_FINAL_TYPE (PbSimComparison, pb_sim_comparison, PB, SIM_COMPARISON, GObject)

PbSimDifference  pb_sim_step_compare                 (PbSimStep        *before,
                                                      PbSimStep        *after);

PbSimComparison *pb_sim_comparison_new               (PbSimStep        *before,
                                                      PbSimStep        *after);
PbSimStep       *pb_sim_comparison_get_before        (PbSimComparison  *self);
PbSimStep       *pb_sim_comparison_get_after         (PbSimComparison  *self);
PbSimDifference  pb_sim_comparison_get_differences   (PbSimComparison  *self);

G_END_DECLS
