/* pb-preview.h: what will happen to agents, in plain words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-configuration.h"
#include "pb-preview-event.h"

G_BEGIN_DECLS

/* Returns a GListModel of PbPreviewEvent: the fixed behaviour first, then one
 * event per presence status and per agent state, then the revert rule. */
GListModel *pb_preview_build (PbConfiguration *configuration);

G_END_DECLS
