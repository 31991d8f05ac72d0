/* pb-sandbox-server.h: the HTTP side: routing, faults, limits, the log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "pb-sandbox-admin.h"
#include "pb-sandbox-faults.h"
#include "pb-sandbox-oauth.h"
#include "pb-sandbox-platform.h"
#include "pb-sandbox-request-log.h"
#include "pb-sandbox-salesforce.h"

G_BEGIN_DECLS

#define PB_TYPE_SANDBOX_SERVER (pb_sandbox_server_get_type ())

G_DECLARE_FINAL_TYPE (PbSandboxServer, pb_sandbox_server, PB, SANDBOX_SERVER, GObject)

PbSandboxServer *pb_sandbox_server_new          (PbSandboxOAuth      *oauth,
                                                 PbSandboxSalesforce *salesforce,
                                                 PbSandboxPlatform   *platform,
                                                 PbSandboxAdmin      *admin,
                                                 PbSandboxFaults     *faults,
                                                 PbSandboxRequestLog *log);
/* Listens on 127.0.0.1 only; @port 0 picks a free one. */
gboolean         pb_sandbox_server_listen       (PbSandboxServer     *self,
                                                 guint                port,
                                                 GError             **error);
/* "http://127.0.0.1:PORT", once listening. */
const char      *pb_sandbox_server_get_base_url (PbSandboxServer     *self);

G_END_DECLS
