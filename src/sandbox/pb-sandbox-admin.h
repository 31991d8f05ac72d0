/* pb-sandbox-admin.h: the sandbox's own API, under /_sandbox (no real
 * server has it)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "pb-sandbox-faults.h"
#include "pb-sandbox-request-log.h"
#include "pb-sandbox-routes.h"
#include "pb-sandbox-state.h"

G_BEGIN_DECLS

#define PB_TYPE_SANDBOX_ADMIN (pb_sandbox_admin_get_type ())

G_DECLARE_FINAL_TYPE (PbSandboxAdmin, pb_sandbox_admin, PB, SANDBOX_ADMIN, GObject)

/* @initial_faults: the --fault specs, which a reset brings back. */
PbSandboxAdmin *pb_sandbox_admin_new    (PbSandboxState      *state,
                                         PbSandboxFaults     *faults,
                                         PbSandboxRequestLog *log,
                                         const char * const  *initial_faults);
void            pb_sandbox_admin_handle (PbSandboxAdmin      *self,
                                         PbSandboxRouteId     route,
                                         SoupServerMessage   *msg);

G_END_DECLS
