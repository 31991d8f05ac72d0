/* pb-error.h: the project's error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PB_ERROR (pb_error_quark ())

/* Codes map onto the CLI's exit codes (see docs/cli.md), so a caller can
 * decide what to tell a script without parsing messages. */
typedef enum
{
  PB_ERROR_FAILED,             /* anything else */
  PB_ERROR_INVALID_FILE,       /* not a readable or valid configuration file (exit 2) */
  PB_ERROR_UNSUPPORTED_VERSION,/* a file of a newer format version (exit 2) */
  PB_ERROR_INVALID_CONFIGURATION, /* the configuration has errors (exit 1) */
  PB_ERROR_NOT_FOUND,          /* no such profile or revision (exit 2) */
  PB_ERROR_EXISTS,             /* a profile of that name exists already (exit 2) */
  PB_ERROR_STORE_NEWER,        /* store written by a newer version (exit 6) */
  PB_ERROR_STORE_CORRUPT,      /* store corrupt, moved aside (exit 6) */
  PB_ERROR_STORE_FAILED,       /* store I/O or SQLite failure (exit 6) */
  PB_ERROR_STORE_BUSY,         /* another process held the store too long; nothing changed (exit 7) */
  PB_ERROR_STORE_READ_ONLY,    /* the store may be read but not written (exit 6) */
  PB_ERROR_STORE_CHANGED,      /* the profile changed elsewhere since it was read; nothing written */
} PbError;

GQuark pb_error_quark (void);

G_END_DECLS
