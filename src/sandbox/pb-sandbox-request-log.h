/* pb-sandbox-request-log.h: what the sandbox was asked, for tests to read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define PB_TYPE_SANDBOX_REQUEST_LOG (pb_sandbox_request_log_get_type ())

G_DECLARE_FINAL_TYPE (PbSandboxRequestLog, pb_sandbox_request_log, PB, SANDBOX_REQUEST_LOG, GObject)

PbSandboxRequestLog *pb_sandbox_request_log_new        (void);
/* Records @msg (method, path, the headers that matter — never a token or a
 * secret) and returns the entry's number. @endpoint may be NULL. */
guint64              pb_sandbox_request_log_add        (PbSandboxRequestLog *self,
                                                        SoupServerMessage   *msg,
                                                        const char          *endpoint);
/* The status the request was answered with. */
void                 pb_sandbox_request_log_set_status (PbSandboxRequestLog *self,
                                                        guint64              number,
                                                        guint                status);
void                 pb_sandbox_request_log_clear      (PbSandboxRequestLog *self);
JsonNode            *pb_sandbox_request_log_to_json    (PbSandboxRequestLog *self);

G_END_DECLS
