/* pb-sandbox-org.h: the Salesforce org the sandbox stands in for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Key prefixes of the record Ids (the first three characters of every
 * Salesforce Id say its object). */
#define PB_SANDBOX_PREFIX_ORGANIZATION           "00D"
#define PB_SANDBOX_PREFIX_USER                   "005"
#define PB_SANDBOX_PREFIX_PRESENCE_STATUS        "0N5"
#define PB_SANDBOX_PREFIX_SERVICE_CHANNEL        "0N9"
#define PB_SANDBOX_PREFIX_SERVICE_CHANNEL_STATUS "0N1"

#define PB_TYPE_SANDBOX_ORG (pb_sandbox_org_get_type ())

G_DECLARE_FINAL_TYPE (PbSandboxOrg, pb_sandbox_org, PB, SANDBOX_ORG, GObject)

/* @org_id NULL: one is made up. */
PbSandboxOrg *pb_sandbox_org_new                   (const char    *org_id,
                                                    const char    *name);
const char   *pb_sandbox_org_get_id                (PbSandboxOrg  *self);
const char   *pb_sandbox_org_get_name              (PbSandboxOrg  *self);
const char   *pb_sandbox_org_get_user_id           (PbSandboxOrg  *self);
const char   *pb_sandbox_org_get_username          (PbSandboxOrg  *self);

/* PbPresenceStatus items, each with its record Id. */
GPtrArray    *pb_sandbox_org_get_presence_statuses (PbSandboxOrg  *self);
/* Replaces the statuses: a status keeps the record Id its API name had
 * (Salesforce renames keep the Id), a new API name gets a new one.
 * Emits ::changed. */
void          pb_sandbox_org_set_presence_statuses (PbSandboxOrg  *self,
                                                    GPtrArray     *statuses);
/* The service channels the statuses name, by developer name, sorted. */
GPtrArray    *pb_sandbox_org_dup_channels          (PbSandboxOrg  *self);
const char   *pb_sandbox_org_get_channel_id        (PbSandboxOrg  *self,
                                                    const char    *developer_name);
const char   *pb_sandbox_org_get_channel_label     (const char    *developer_name);
/* The Id of the ServiceChannelStatus linking a status and a channel. */
const char   *pb_sandbox_org_get_link_id           (PbSandboxOrg  *self,
                                                    const char    *api_name,
                                                    const char    *developer_name);

/* Statuses as the admin API and the state file write them
 * ({"apiName","label","channels"}, "id" optional); @path names @array in
 * messages. */
GPtrArray    *pb_sandbox_org_statuses_from_json    (JsonArray     *array,
                                                    const char    *path,
                                                    GError       **error);
/* {"id","apiName","label","channels"} for each PbPresenceStatus. */
JsonArray    *pb_sandbox_org_statuses_to_json      (GPtrArray     *statuses);
JsonNode     *pb_sandbox_org_to_json               (PbSandboxOrg  *self);
PbSandboxOrg *pb_sandbox_org_new_from_json         (JsonNode      *node,
                                                    GError       **error);

G_END_DECLS
