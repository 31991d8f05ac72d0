/* pb-remote-configuration.h: the platform's stored configuration and its version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-configuration.h"

G_BEGIN_DECLS

#define PB_TYPE_REMOTE_CONFIGURATION (pb_remote_configuration_get_type ())

G_DECLARE_FINAL_TYPE (PbRemoteConfiguration, pb_remote_configuration, PB, REMOTE_CONFIGURATION, GObject)

/* What GET (or a successful PUT) of /omnichannel/configuration answered:
 * the mapping and revertToLastStatus (a configuration without lists), the
 * ETag to publish against (opaque, quoted, as the server sent it) and the
 * platform's revision number. Immutable. */
PbRemoteConfiguration *pb_remote_configuration_new               (PbConfiguration       *configuration,
                                                                  const char            *etag,
                                                                  gint64                 revision);
PbConfiguration       *pb_remote_configuration_get_configuration (PbRemoteConfiguration *self);
const char            *pb_remote_configuration_get_etag          (PbRemoteConfiguration *self);
gint64                 pb_remote_configuration_get_revision      (PbRemoteConfiguration *self);

G_END_DECLS
