/* pb-generator.h: large, realistic configurations for tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-configuration.h"

G_BEGIN_DECLS

/* A configuration with @n_statuses presence statuses and about @n_states
 * agent states (the six usual majors, more majors when asked for, the rest
 * minors), every major mapped and about half of everything else mapped, so
 * the checks have work to do. The same @seed gives the same configuration. */
PbConfiguration *pb_generator_create (guint   n_statuses,
                                      guint   n_states,
                                      guint32 seed);

G_END_DECLS
