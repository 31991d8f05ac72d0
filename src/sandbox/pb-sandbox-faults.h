/* pb-sandbox-faults.h: failures the sandbox injects on request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  PB_SANDBOX_FAULT_LATENCY          = 1 << 0,
  PB_SANDBOX_FAULT_STATUS           = 1 << 1,
  PB_SANDBOX_FAULT_RATE_LIMIT       = 1 << 2,
  PB_SANDBOX_FAULT_UNAVAILABLE      = 1 << 3,
  PB_SANDBOX_FAULT_MALFORMED        = 1 << 4,
  PB_SANDBOX_FAULT_TRUNCATED        = 1 << 5,
  PB_SANDBOX_FAULT_EXPIRED_TOKEN    = 1 << 6,
  PB_SANDBOX_FAULT_CONFLICT         = 1 << 7,
  PB_SANDBOX_FAULT_REFUSE           = 1 << 8,
  PB_SANDBOX_FAULT_FEATURE_OFF      = 1 << 9,
  PB_SANDBOX_FAULT_NO_DEVELOPERNAME = 1 << 10,
} PbSandboxFaultKind;

/* The faults that replace an answer before the request is handled, and
 * those that spoil the answer after. */
#define PB_SANDBOX_FAULTS_BEFORE (PB_SANDBOX_FAULT_STATUS | PB_SANDBOX_FAULT_RATE_LIMIT | \
                                  PB_SANDBOX_FAULT_UNAVAILABLE | PB_SANDBOX_FAULT_EXPIRED_TOKEN)
#define PB_SANDBOX_FAULTS_AFTER  (PB_SANDBOX_FAULT_MALFORMED | PB_SANDBOX_FAULT_TRUNCATED)

#define PB_SANDBOX_FAULT_ANY_ENDPOINT "any"

#define PB_TYPE_SANDBOX_FAULTS (pb_sandbox_faults_get_type ())

G_DECLARE_FINAL_TYPE (PbSandboxFaults, pb_sandbox_faults, PB, SANDBOX_FAULTS, GObject)

PbSandboxFaults *pb_sandbox_faults_new      (void);
/* ENDPOINT:KIND[=VALUE][*COUNT], as --fault takes it. */
gboolean         pb_sandbox_faults_add_spec (PbSandboxFaults     *self,
                                             const char          *spec,
                                             GError             **error);
/* {"endpoint","kind","value","count"} as the admin API takes it. */
gboolean         pb_sandbox_faults_add_json (PbSandboxFaults     *self,
                                             JsonNode            *node,
                                             GError             **error);
/* The oldest fault of one of @kinds for @endpoint, used up by one:
 * TRUE with its kind and value, or FALSE. */
gboolean         pb_sandbox_faults_take     (PbSandboxFaults     *self,
                                             const char          *endpoint,
                                             PbSandboxFaultKind   kinds,
                                             PbSandboxFaultKind  *kind,
                                             guint               *value);
void             pb_sandbox_faults_clear    (PbSandboxFaults     *self);
JsonNode        *pb_sandbox_faults_to_json  (PbSandboxFaults     *self);

G_END_DECLS
