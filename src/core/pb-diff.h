/* pb-diff.h: what changed from one configuration to another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-change.h"
#include "pb-configuration.h"

G_BEGIN_DECLS

/* Returns a GListModel of PbChange turning @before into @after: agent states
 * and presence statuses added, removed or renamed (by id / API name), then
 * the mapping entries and the switches. Empty when they are equal. */
GListModel *pb_diff_configurations (PbConfiguration *before,
                                    PbConfiguration *after);

G_END_DECLS
