/* pb-preview.h: what will happen to agents, in plain words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-configuration.h"
#include "pb-preview-event.h"

G_BEGIN_DECLS

/* The integration's fixed behaviour (domain.md), in the preview's order. */
typedef enum
{
  PB_PREVIEW_FIXED_GO_OFFLINE, /* going offline in Omni-Channel logs out of ContactPad */
  PB_PREVIEW_FIXED_LOG_IN,     /* logging in shows Ready's presence */
  PB_PREVIEW_FIXED_LOG_OUT,    /* logging out goes offline in Omni-Channel */
  PB_PREVIEW_FIXED_CHAT,       /* a chat from Salesforce sets Busy Inbound */
} PbPreviewFixed;

/* Returns a GListModel of PbPreviewEvent: the fixed behaviour first, then one
 * event per presence status and per agent state, then the revert rule. */
GListModel     *pb_preview_build                (PbConfiguration *configuration);

/* The same events one at a time, so the simulator tells a day in the
 * preview's words. */
PbPreviewEvent *pb_preview_build_fixed_event    (PbConfiguration *configuration,
                                                 PbPreviewFixed   fixed);
PbPreviewEvent *pb_preview_build_presence_event (PbConfiguration *configuration,
                                                 const char      *api_name);
PbPreviewEvent *pb_preview_build_state_event    (PbConfiguration *configuration,
                                                 const char      *state_id);
/* @inbound FALSE: after an outbound or external interaction, which Revert
 * to last status does not apply to. The preview shows the inbound case. */
PbPreviewEvent *pb_preview_build_revert_event   (PbConfiguration *configuration,
                                                 gboolean         inbound);

G_END_DECLS
