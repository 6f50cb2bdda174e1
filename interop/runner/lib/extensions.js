'use strict';

// The private-use GroupContext extension every server's leaves list in their
// capabilities (spec-notes/interop.md).
const INTEROP_EXTENSION_TYPE = 0xff00;

const interopExtension = (text) => ({ extension_type: INTEROP_EXTENSION_TYPE, extension_data: Buffer.from(text) });

module.exports = { interopExtension };
