/* pb-config-file.h: the interchange format of docs/config-format.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-configuration.h"

G_BEGIN_DECLS

#define PB_CONFIG_FILE_FORMAT      "presence-bridge-config"
#define PB_CONFIG_FILE_VERSION     1
#define PB_CONFIG_FILE_MAX_SIZE    (16 * 1024 * 1024)
#define PB_CONFIG_FILE_MAX_DEPTH   64

/* Parsing never crashes on any input. Errors are PB_ERROR_INVALID_FILE (with
 * "line:column" or the JSON path in the message) or
 * PB_ERROR_UNSUPPORTED_VERSION. */
PbConfiguration *pb_config_file_load_bytes (GBytes           *bytes,
                                            GError          **error);
PbConfiguration *pb_config_file_load_path  (const char       *path,
                                            GError          **error);
/* The same strict, bounded JSON reading for any document (at most
 * PB_CONFIG_FILE_MAX_SIZE bytes and PB_CONFIG_FILE_MAX_DEPTH levels; no
 * duplicate keys), for callers that read JSON of another shape. Errors are
 * PB_ERROR_INVALID_FILE with "line:column" in the message. */
JsonNode        *pb_config_file_parse_json (GBytes           *bytes,
                                            GError          **error);

/* Serialises with the snapshots; @exported_at NULL means now (UTC). */
char            *pb_config_file_to_data    (PbConfiguration  *configuration,
                                            GDateTime        *exported_at,
                                            gsize            *length);
/* Replaces a regular file atomically, keeping its permissions; follows
 * symbolic links; writes to a FIFO or a device as it is. */
gboolean         pb_config_file_save_path  (PbConfiguration  *configuration,
                                            const char       *path,
                                            GError          **error);

/* A status's channels as a JSON array, as in the file (docs/store.md). */
void             pb_config_file_append_channels (GString            *out,
                                                 const char * const *channels);

/* The mapping alone (docs/store.md): what the store keeps for a draft or a
 * revision, next to its lists. */
char            *pb_config_file_mapping_to_data (PbConfiguration  *configuration,
                                                 gsize            *length);
gboolean         pb_config_file_load_mapping    (PbConfiguration  *configuration,
                                                 const char       *data,
                                                 gsize             length,
                                                 GError          **error);

G_END_DECLS
