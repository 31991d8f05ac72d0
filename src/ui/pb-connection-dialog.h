/* pb-connection-dialog.h: where a profile connects to, and its client secret
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-core.h"

G_BEGIN_DECLS

#define PB_TYPE_CONNECTION_DIALOG (pb_connection_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PbConnectionDialog, pb_connection_dialog, PB, CONNECTION_DIALOG, AdwWindow)

/* Edits the URLs, client ids, callback port and org kind of @session's
 * profile, and keeps a client secret typed here in the keyring (never in
 * the store). Save writes both (the settings through the session, which
 * the remote side follows), then emits ::saved with the profile as
 * stored, and closes. */
PbConnectionDialog *pb_connection_dialog_new (GtkWindow *parent,
                                              PbSession *session);

G_END_DECLS
