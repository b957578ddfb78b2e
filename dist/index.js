import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

;// CONCATENATED MODULE: ./src/text.ts
/**
 * Turning untrusted text (from the API, from GitHub, from inputs) into something safe and readable.
 * Every line the action prints goes through `safeText`/`safeLine` (workflow-commands.ts calls them),
 * every summary field through `summaryText`: secrets are replaced first, then control characters
 * go, then the legacy `##[` command form is broken up, then the text is bounded.
 */
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };
/** `messageHtml` to plain text for the log: tags dropped, common entities decoded, one line. */
function htmlToText(html) {
    return (html
        .replace(/<br\s*\/?>|<\/p>|<\/li>/gi, ' ')
        // `[^<>]`, not `[^>]`: a run of `<` without `>` must not make this quadratic.
        .replace(/<[^<>]*>/g, '')
        .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name) => {
        const lower = name.toLowerCase();
        if (lower.startsWith('#x'))
            return safeCodePoint(parseInt(lower.slice(2), 16), whole);
        if (lower.startsWith('#'))
            return safeCodePoint(parseInt(lower.slice(1), 10), whole);
        return ENTITIES[lower] ?? whole;
    })
        .replace(/\s+/g, ' ')
        .trim());
}
function safeCodePoint(code, fallback) {
    return Number.isInteger(code) && code > 31 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}
/**
 * Escapes text for HTML inside Markdown (the job summary). Every line break (CR alone too) becomes
 * `<br>`, so no text can end the HTML block with a blank line and start Markdown of its own.
 */
function escapeHtml(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;')
        .replace(/\|/g, '&#124;')
        .replace(/\r\n|\r|\n/g, '<br>');
}
// Terminal sequences: CSI (`ESC [ … final`), OSC (`ESC ] … BEL` or `ESC \`), and any other `ESC x`.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]?/g;
// C0 controls but tab and LF, DEL, C1 controls, and the bidirectional overrides that reorder text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/**
 * Removes terminal control sequences and control characters; keeps line breaks, each one (CRLF, CR
 * alone, LF, U+2028, U+2029) turned into a plain LF.
 */
function stripControl(text) {
    return text
        .replace(ANSI, '')
        .replace(/\r\n|[\r\u2028\u2029\u0085]/g, '\n')
        .replace(CONTROL, '');
}
/** Control characters removed and every line break (of any kind) and tab turned into a space. */
function oneLine(text) {
    return stripControl(text).replace(/[\n\t]/g, ' ');
}
/** Longest first, so a secret that contains another is replaced whole. */
let secrets = [];
/** Remembers a secret the runner was asked to mask, so our own output never shows it either. */
function registerSecret(secret) {
    if (!secret || secrets.includes(secret))
        return;
    secrets = [...secrets, secret].sort((a, b) => b.length - a.length);
}
/**
 * Every registered secret replaced by `***`. This runs before any other change to the text: once
 * text is altered (a `##[` broken up, a line cut), the runner's mask would no longer match it.
 */
function redactSecrets(text) {
    let out = text;
    for (const secret of secrets)
        if (out.includes(secret))
            out = out.split(secret).join('***');
    return out;
}
/** Longest line the log gets from us; a runaway API text must not flood it. */
const MAX_LINE_CHARS = 4000;
/** Text for a log line or an annotation: secrets replaced, control characters gone, `##[` broken, bounded. Keeps LF. */
function safeText(text, max = MAX_LINE_CHARS) {
    return breakLegacyCommands(truncate(stripControl(redactSecrets(text)), max));
}
/**
 * `safeText` on one line: what a plain stdout line gets, so nothing can start a line of its own.
 * `breakLegacy: false` only for lines inside a stop-commands fence, where the runner reads no command.
 */
function safeLine(text, max = MAX_LINE_CHARS, breakLegacy = true) {
    const line = truncate(oneLine(redactSecrets(text)), max);
    return breakLegacy ? breakLegacyCommands(line) : line;
}
/** One field of the job summary: secrets replaced, one line, bounded, HTML-escaped. */
function summaryText(text, max) {
    return escapeHtml(truncate(oneLine(redactSecrets(text)), max));
}
/**
 * Text for annotations (`::error::…` via @actions/core, which escapes newlines and `::`): the
 * legacy `##[` form is matched anywhere in a line, so break it up.
 */
function defuseLegacyCommands(text) {
    return safeText(text);
}
/** Breaks up `##[` (with an invisible space) and changes nothing else. */
function breakLegacyCommands(text) {
    return text.replace(/##\[/g, '#\u200b#[');
}
/** A remote sentence to embed in ours: trailing full stops and spaces removed (no `..`). */
function clause(text) {
    // A loop, not /[.\s]+$/: that regex is quadratic on a long run of spaces that does not end the text.
    let end = text.length;
    while (end > 0 && (text[end - 1] === '.' || /\s/.test(text[end - 1])))
        end--;
    return text.slice(0, end).trim();
}
/** Shortens for a table cell or a log line, never splitting a surrogate pair. */
function truncate(text, max) {
    if (text.length <= max)
        return text;
    let cut = Math.max(0, max - 1);
    const last = text.charCodeAt(cut - 1);
    if (last >= 0xd800 && last <= 0xdbff)
        cut--;
    return `${text.slice(0, cut)}…`;
}

;// CONCATENATED MODULE: ./src/errors.ts
/**
 * Failures the action can name. Each carries what a person needs to act: which input, which
 * status code, the API's own error code and message. main.ts turns them into one line of text.
 */

/** A bad input; raised before any network call. */
class InputError extends Error {
    input;
    constructor(input, detail) {
        super(`Input '${input}' ${detail}`);
        this.input = input;
        this.name = 'InputError';
    }
}
/** A token could not be obtained (Entra or the GitHub OIDC service said no). */
class AuthError extends Error {
    status;
    code;
    transient;
    constructor(message, status, code, 
    /** An outage rather than a refusal: a wait in progress polls on through it. */
    transient = false) {
        super(message);
        this.status = status;
        this.code = code;
        this.transient = transient;
        this.name = 'AuthError';
    }
}
/** A non-success answer (or no usable answer) from the Marketplace API. */
class ApiError extends Error {
    details;
    constructor(details) {
        super(describeApiError(details));
        this.details = details;
        this.name = 'ApiError';
    }
    get status() {
        return this.details.status;
    }
    get transient() {
        return this.details.transient;
    }
}
/** A rule the action itself enforces about what the API tells it (e.g. an off-origin URL). */
class ProtocolError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ProtocolError';
    }
}
/** A URL from the API (or an input) on another origin than the API's: refused, never followed. */
class OffOriginError extends ProtocolError {
    constructor(message) {
        super(message);
        this.name = 'OffOriginError';
    }
}
function describeApiError(d) {
    const path = safePath(d.url);
    const what = d.status === 0 ? 'got no answer' : `answered ${d.status}`;
    const code = d.code ? ` ${d.code}` : '';
    const message = d.apiMessage ? `:${code} ${clause(d.apiMessage)}` : code ? `:${code}` : '';
    const request = d.requestId ? ` (request ID ${d.requestId})` : '';
    return `${d.method} ${path} ${what}${message}${request}`;
}
/** The URL without its query string, which is noise in a message. */
function safePath(url) {
    try {
        const u = new URL(url);
        return `${u.origin}${u.pathname}`;
    }
    catch {
        return url;
    }
}
/** The offer or product is not in a state that allows going live; nothing was started. */
class PreconditionError extends Error {
    constructor(message) {
        super(message);
        this.name = 'PreconditionError';
    }
}

;// CONCATENATED MODULE: ./src/concurrency.ts
/** Runs `work` over `items` with at most `limit` at a time; results keep the order of `items`. */
async function mapWithLimit(items, limit, work) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await work(items[index]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
    return results;
}

;// CONCATENATED MODULE: ./src/json.ts
/** Reading loosely shaped JSON from the APIs without trusting its shape. */
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function asArray(value) {
    return Array.isArray(value) ? value.filter(isRecord) : [];
}
function str(value) {
    return typeof value === 'string' && value !== '' ? value : undefined;
}
/**
 * Compact JSON of a document, or undefined when it is nested deeper than `maxDepth` or longer than
 * `maxChars`. JSON.parse reads any depth, but JSON.stringify recurses and throws ("Maximum call
 * stack size exceeded") on a document a few thousand levels deep; the depth is measured first,
 * without recursion.
 */
function boundedJson(value, maxDepth, maxChars) {
    const stack = [[value, 1]];
    while (stack.length) {
        const [node, depth] = stack.pop();
        if (typeof node !== 'object' || node === null)
            continue;
        if (depth > maxDepth)
            return undefined;
        for (const child of Array.isArray(node) ? node : Object.values(node))
            stack.push([child, depth + 1]);
    }
    let text;
    try {
        text = JSON.stringify(value);
    }
    catch {
        return undefined;
    }
    return text !== undefined && text.length <= maxChars ? text : undefined;
}

;// CONCATENATED MODULE: ./src/url.ts
/** URL rules: where the token may go and what an operation location may look like. */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** http is allowed only on this machine (the simulator, a local proxy); everything else is https. */
function isAllowedScheme(url) {
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
}
/**
 * Turns a location the API returned (or a user gave) into an absolute URL on the API origin.
 * Relative paths are relative to the base URL, so a proxy's path prefix is kept; an absolute URL
 * must share the base URL's origin, because the bearer token goes with every request to it.
 */
function resolveLocation(baseUrl, location) {
    const base = baseUrl.replace(/\/+$/, '');
    const origin = new URL(base).origin;
    const text = location.trim();
    if (!text)
        throw new ProtocolError('the operation location is empty');
    if (/[\s\\]/.test(text))
        throw new ProtocolError(`the operation location '${text}' contains spaces or backslashes`);
    // URL parsing would silently fold `..` away; refuse it instead of guessing what was meant.
    const rawPath = text.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').split(/[?#]/)[0];
    if (/(^|\/)(\.|%2e){2}(\/|$)/i.test(rawPath)) {
        throw new ProtocolError(`the operation location '${text}' contains '..'`);
    }
    let url;
    if (/^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith('//')) {
        url = parseUrl(text, base);
        if (url.origin !== origin) {
            throw new OffOriginError(`the operation location ${url.origin}${url.pathname} is not on the API origin ${origin}; ` +
                'the token is only sent to the API origin, so it was not followed');
        }
    }
    else {
        const prefix = new URL(base).pathname.replace(/\/+$/, '');
        // A path from the origin that already holds the base path (`/rp/product-ingestion/…`) is kept.
        const fromOrigin = prefix !== '' && (text === prefix || text.startsWith(`${prefix}/`) || text.startsWith(`${prefix}?`));
        url = parseUrl(fromOrigin ? origin + text : base + (text.startsWith('/') ? text : `/${text}`));
    }
    if (url.username || url.password)
        throw new ProtocolError('the operation location must not carry credentials');
    url.hash = '';
    return url.href;
}
/** `new URL`, with a ProtocolError that says what was wrong instead of a bare "Invalid URL". */
function parseUrl(text, base) {
    try {
        return new URL(text, base);
    }
    catch {
        throw new ProtocolError(`the operation location '${text.slice(0, 200)}' is not a valid URL`);
    }
}
/** The last path segment, decoded (`contoso$contoso-offer$2$preview`, or a GUID). */
function lastPathSegment(url) {
    const segment = new URL(url).pathname.split('/').filter(Boolean).pop() ?? '';
    try {
        return decodeURIComponent(segment);
    }
    catch {
        return segment;
    }
}
/**
 * The next page of a paged list (`@nextLink`): absolute (held to the API origin), a path, or only a
 * query string (`?continuationToken=…`, the same path as the page just read).
 */
function resolveNextLink(baseUrl, currentUrl, link) {
    const text = link.trim();
    if (text.startsWith('?')) {
        const current = new URL(currentUrl);
        return resolveLocation(baseUrl, `${current.origin}${current.pathname}${text}`);
    }
    return resolveLocation(baseUrl, text);
}

;// CONCATENATED MODULE: ./src/backends/status.ts
/**
 * The action's view of a remote operation, whichever API runs it. Status tables are data, one per
 * API (cpp-status.ts, product-ingestion-status.ts); mapping is case-insensitive and an unknown
 * spelling means "still running", so a new status from Microsoft never ends a wait by mistake.
 */
function isTerminal(status) {
    return status === 'succeeded' || status === 'failed' || status === 'canceled';
}
/** Looks a raw status up, ignoring case and spaces/dashes/underscores (`not started` = `notStarted`). */
function mapStatus(table, raw, onUnknown) {
    const text = typeof raw === 'string' ? raw : '';
    const mapped = table[normaliseStatus(text)];
    if (mapped)
        return mapped;
    onUnknown?.(text);
    return 'running';
}
/** An API timestamp as clock time; undefined when absent or unreadable (`0001-01-01T00:00:00` included). */
function apiTime(value) {
    if (typeof value !== 'string' || !value.trim())
        return undefined;
    const time = Date.parse(value);
    return Number.isFinite(time) && time > Date.UTC(2000, 0, 1) ? time : undefined;
}
function normaliseStatus(text) {
    return text.toLowerCase().replace(/[\s_-]+/g, '');
}

;// CONCATENATED MODULE: ./src/backends/cpp-wire.ts



/** `Location` (relative, current) or the legacy absolute `Operation-Location`. */
function operationHeader(response) {
    const pick = (name) => {
        const value = response.headers[name];
        const text = Array.isArray(value) ? value[0] : value;
        return text?.trim() || undefined;
    };
    return pick('location') ?? pick('operation-location');
}
/** Step documents to table rows; messages are objects in current docs, strings in older ones. */
function readSteps(steps) {
    return asArray(steps).map((step) => {
        const messages = Array.isArray(step.messages) ? step.messages : [];
        const newest = newestMessage(messages);
        const progress = typeof step.progressPercentage === 'number' ? step.progressPercentage : undefined;
        return {
            name: str(step.stepName) ?? str(step.id) ?? '(unnamed step)',
            status: str(step.status) ?? '',
            progress,
            estimate: str(step.estimatedTimeFrame),
            message: newest
        };
    });
}
/** How much a message matters: an error outranks a warning, which outranks information. */
const LEVEL_RANK = { error: 2, warning: 1 };
/**
 * The message to show for a step: the newest of the highest level present. Messages often share a
 * timestamp (the docs put an error and an information message on a blocked step at one instant),
 * and the error is what a person must see.
 */
function newestMessage(messages) {
    let best;
    messages.forEach((m, index) => {
        const text = typeof m === 'string' ? m : isRecord(m) ? (str(m.messageHtml) ?? str(m.message) ?? '') : '';
        if (!text)
            return;
        const rank = isRecord(m) ? (LEVEL_RANK[normaliseStatus(str(m.level) ?? '')] ?? 0) : 0;
        const stamp = isRecord(m) ? Date.parse(str(m.timestamp) ?? '') : NaN;
        // Without timestamps, later in the list is newer.
        const time = Number.isNaN(stamp) ? index : stamp;
        if (!best || rank > best.rank || (rank === best.rank && time >= best.time))
            best = { text, rank, time };
    });
    return best ? htmlToText(best.text) : undefined;
}
/** The publisher and offer an operation location names (`/api/publishers/{p}/offers/{o}/…` or `/api/operations/{p}${o}$…`). */
function cppLocationTarget(url) {
    const segments = url.pathname.split('/').filter(Boolean).map(decodeSegment);
    const at = segments.indexOf('api');
    const rest = at >= 0 ? segments.slice(at + 1) : [];
    if (rest[0]?.toLowerCase() === 'publishers' && rest[2]?.toLowerCase() === 'offers' && rest[3]) {
        return { publisherId: rest[1], offerId: rest[3] };
    }
    const legacy = rest[0]?.toLowerCase() === 'operations' ? /^([^$]+)\$([^$]+)\$/.exec(rest[1] ?? '') : null;
    return legacy ? { publisherId: legacy[1], offerId: legacy[2] } : undefined;
}
function decodeSegment(segment) {
    try {
        return decodeURIComponent(segment);
    }
    catch {
        return segment;
    }
}

;// CONCATENATED MODULE: ./src/backends/product-ingestion/locations.ts
/**
 * Product Ingestion operation references. As with @azure/core-lro, the location is the whole state
 * of what is followed, so a resume (or a later poll) knows exactly what to do with it:
 *
 * - `{base}/configure/{jobId}/status?$version=V#live=submission/{productId}/{X}`: the configure job
 *   that pushed preview submission X; once the job succeeds, the `live` entry of X is followed.
 * - `{base}/submission/{productId}/{X}?$version=V`: the `live` entry of submission X (a submission
 *   keeps its ID when it goes live, so it is found by ID and target in the product's list).
 * - `{base}/submission/{productId}?$version=V#since=T`: a go-live someone else's request started,
 *   whose submission is not known: the live entry that runs, or that was created at or after T.
 *
 * What only the action needs (`live`, `since`) is in the fragment: HTTP clients never send it, so
 * the API only ever sees the path and `$version`.
 */


const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Submission and job IDs go into paths: a strict pattern, no `/ ? # ..`. */
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const FORMS = 'expected .../configure/{jobId}/status, .../submission/{productId}/{submissionId} or .../submission/{productId}';
/** Reads a location (relative or absolute, with or without our fragment); throws ProtocolError. */
function parseLocation(baseUrl, location) {
    const text = location.trim();
    const hashAt = text.indexOf('#');
    const fragment = new URLSearchParams(hashAt >= 0 ? text.slice(hashAt + 1) : '');
    const url = new URL(resolveLocation(baseUrl, hashAt >= 0 ? text.slice(0, hashAt) : text));
    const root = new URL(baseUrl).pathname.replace(/\/+$/, '');
    const segments = url.pathname.slice(root.length).split('/').filter(Boolean);
    const part = (index) => decode(segments[index], location);
    if (segments.length === 3 && segments[0] === 'configure' && segments[2] === 'status') {
        const jobId = checkedId(part(1), 'job ID', location);
        const live = fragment.get('live') ?? undefined;
        if (live === undefined)
            return { followed: { kind: 'job', jobId } };
        const pushed = /^(?:submission\/([^/]+)\/)?([^/]+)$/.exec(live);
        if (!pushed || (pushed[1] !== undefined && !GUID.test(pushed[1]))) {
            throw new ProtocolError(`'${location}' names the pushed submission as '${live}', not submission/{productId}/{id}`);
        }
        return {
            followed: { kind: 'job', jobId, live: checkedId(pushed[2], 'submission ID', location) },
            productId: pushed[1]
        };
    }
    if ((segments.length === 2 || segments.length === 3) && segments[0] === 'submission') {
        const productId = part(1);
        if (!GUID.test(productId))
            throw new ProtocolError(`'${location}' names product '${productId}', not a GUID`);
        if (segments.length === 3) {
            return { followed: { kind: 'live', submissionId: checkedId(part(2), 'submission ID', location) }, productId };
        }
        // Locations written before the marker moved into the fragment carried `since` in the query.
        const since = fragment.get('since') ?? url.searchParams.get('since') ?? undefined;
        if (since !== undefined && Number.isNaN(Date.parse(since))) {
            throw new ProtocolError(`'${location}' has a 'since' that is not a time: '${since}'`);
        }
        return { followed: { kind: 'next-live', since }, productId };
    }
    throw new ProtocolError(`'${location}' is not a Product Ingestion operation: ${FORMS}`);
}
/** Builds locations and request URLs of one product on one API root. */
class Locations {
    baseUrl;
    productId;
    apiVersion;
    constructor(baseUrl, productId, apiVersion) {
        this.baseUrl = baseUrl;
        this.productId = productId;
        this.apiVersion = apiVersion;
    }
    /** A request URL: the path and `$version` only (sent literally, as the API documents it). */
    request(path) {
        return `${this.baseUrl}${path}?${this.versionQuery}`;
    }
    /** `$version=…`, the one query parameter every call carries. */
    get versionQuery() {
        return `$version=${encodeURIComponent(this.apiVersion)}`;
    }
    get listPath() {
        return `/submission/${encodeURIComponent(this.productId)}`;
    }
    /** What a followed operation's GET is: the job status, or the product's submission list. */
    requestUrl(followed) {
        return followed.kind === 'job'
            ? this.request(`/configure/${encodeURIComponent(followed.jobId)}/status`)
            : this.request(this.listPath);
    }
    /** The output `operation-location` (and `operation-id`) of what is followed. */
    reference(followed) {
        const product = encodeURIComponent(this.productId);
        switch (followed.kind) {
            case 'job': {
                const live = followed.live ? `#live=submission/${product}/${encodeURIComponent(followed.live)}` : '';
                return { location: this.requestUrl(followed) + live, id: followed.jobId };
            }
            case 'live':
                return {
                    location: this.request(`${this.listPath}/${encodeURIComponent(followed.submissionId)}`),
                    id: followed.submissionId
                };
            case 'next-live':
                return {
                    location: this.request(this.listPath) + (followed.since ? `#since=${encodeURIComponent(followed.since)}` : ''),
                    id: this.productId
                };
        }
    }
}
/** `submission/{productId}/{id}` → `id`. */
function bareSubmissionId(id) {
    return id.split('/').pop() ?? id;
}
function checkedId(id, what, location) {
    if (!ID.test(id) || id.includes('..'))
        throw new ProtocolError(`'${location}' has an unusable ${what} '${id}'`);
    return id;
}
/** A path segment; a malformed escape is the location's fault, said as such. */
function decode(segment, location) {
    try {
        return decodeURIComponent(segment);
    }
    catch {
        throw new ProtocolError(`'${location}' has a malformed %-escape`);
    }
}

;// CONCATENATED MODULE: ./src/backends/location-target.ts
/**
 * Which target an `operation-location` belongs to, so that a resume can never follow (and report
 * live) another offer or product than the inputs name. Checked with the inputs, before any request.
 */




/**
 * Why the location does not belong to the target, naming both; undefined when it does (or, for a
 * bare configure job, names none). A location of no known form is a ProtocolError.
 */
function locationTargetMismatch(target, location) {
    if (target.api === 'product-ingestion') {
        const named = parseLocation(target.baseUrl, location).productId;
        if (!named || named.toLowerCase() === target.productId.toLowerCase())
            return undefined;
        return (`names product ${named}, but 'product-id' names product ${target.productId}: ` +
            "give the operation-location output of a go-live of this product, or correct 'product-id'");
    }
    const named = cppLocationTarget(new URL(resolveLocation(target.baseUrl, location)));
    if (!named) {
        throw new ProtocolError(`'${location}' is not a CPP operation: expected .../api/publishers/{publisherId}/offers/{offerId}/operations/{id} ` +
            "or .../api/operations/{publisherId}${offerId}$2$preview (the 'operation-location' output, not 'operation-id')");
    }
    const same = (a, b) => a.toLowerCase() === b.toLowerCase();
    if (same(named.publisherId, target.publisherId) && same(named.offerId, target.offerId))
        return undefined;
    return (`names offer ${named.publisherId}/${named.offerId}, but 'publisher-id' and 'offer-id' name offer ` +
        `${target.publisherId}/${target.offerId}: give the operation-location output of a go-live of this offer, ` +
        'or correct the IDs');
}

;// CONCATENATED MODULE: ./src/duration.ts
/** Durations as users write them in workflow inputs: `90s`, `45m`, `6h`, `2d`, or bare minutes. */
const UNIT_MS = {
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
    d: 86_400_000
};
const DURATION_PATTERN = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/i;
/**
 * Parses a duration into milliseconds, or returns undefined when the text is not one.
 * A bare number means minutes, as the contract says.
 */
function parseDuration(text) {
    const match = DURATION_PATTERN.exec(text.trim());
    if (!match)
        return undefined;
    const amount = Number(match[1]);
    const unit = (match[2] ?? 'm').toLowerCase();
    const ms = Math.round(amount * UNIT_MS[unit]);
    return Number.isFinite(ms) ? ms : undefined;
}
/** A short human form for logs and the summary: `45s`, `12m 05s`, `3h 02m`, `2d 4h`. */
function formatDuration(ms) {
    if (!Number.isFinite(ms) || ms < 0)
        ms = 0;
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    const totalSeconds = Math.round(ms / 1000);
    const days = Math.floor(totalSeconds / 86_400);
    const hours = Math.floor((totalSeconds % 86_400) / 3600);
    const minutes = Math.floor((totalSeconds % 3600) / 60);
    const seconds = totalSeconds % 60;
    const pad = (n) => String(n).padStart(2, '0');
    if (days > 0)
        return `${days}d ${hours}h`;
    if (hours > 0)
        return `${hours}h ${pad(minutes)}m`;
    if (minutes > 0)
        return `${minutes}m ${pad(seconds)}s`;
    return `${seconds}s`;
}

;// CONCATENATED MODULE: ./src/input-values.ts
/**
 * Reading single inputs (choices, booleans, durations, URLs) and collecting what is wrong with them,
 * so that a run with several mistakes names them all at once instead of one per attempt.
 */



/** Publisher and offer IDs: letters, digits, `-`, `_`, `.`; never `/ ? # ..` since they go in paths. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * Every bad input of one run, one line each, followed by the likely fix when a combination of
 * inputs says what was meant. It is an InputError (the first input named), so every caller that
 * reports an input error reports this one unchanged.
 */
class InputErrors extends InputError {
    errors;
    hints;
    constructor(errors, hints = []) {
        super(errors[0].input, '');
        this.errors = errors;
        this.hints = hints;
        const fixes = hints.map((hint) => `Likely fix: ${hint}`);
        this.message =
            errors.length === 1
                ? [errors[0].message, ...fixes].join('\n')
                : [
                    `${errors.length} inputs are not valid; nothing was started:`,
                    ...errors.map((e) => `- ${e.message}`),
                    ...fixes
                ].join('\n');
        this.name = 'InputErrors';
    }
}
/**
 * Reads inputs and records what is wrong with them. Each check runs on its own: a bad input is
 * recorded and replaced by a fallback, so the checks after it still run and still report.
 */
class InputCheck {
    read;
    errors = [];
    hints = [];
    constructor(read) {
        this.read = read;
    }
    /** The input's value, trimmed; '' when absent. */
    value(name) {
        return this.read(name).trim();
    }
    /** Runs one check; the InputError it throws is recorded and `fallback` stands in for the value. */
    attempt(fallback, check) {
        try {
            return check();
        }
        catch (err) {
            if (!(err instanceof InputError))
                throw err;
            this.fail(err);
            return fallback;
        }
    }
    fail(error) {
        if (error instanceof InputErrors)
            this.errors.push(...error.errors);
        else
            this.errors.push(error);
    }
    /** A likely fix the combination of inputs suggests, shown after the list of errors. */
    hint(text) {
        if (!this.hints.includes(text))
            this.hints.push(text);
    }
    /** True when any of these inputs already has an error (checks that build on them are skipped). */
    failed(...names) {
        return this.errors.some((e) => names.includes(e.input));
    }
    /** Throws every recorded error at once: the error itself when there is just one and no hint. */
    throwIfAny() {
        if (this.errors.length === 0)
            return;
        if (this.errors.length === 1 && this.hints.length === 0)
            throw this.errors[0];
        throw new InputErrors(this.errors, this.hints);
    }
    oneOf(name, allowed, fallback) {
        return this.attempt(fallback, () => {
            const value = this.value(name);
            if (!value)
                return fallback;
            if (!allowed.includes(value)) {
                throw new InputError(name, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}; got '${value}'`);
            }
            return value;
        });
    }
    boolean(name, fallback) {
        return this.attempt(fallback, () => {
            const value = this.value(name);
            if (!value)
                return fallback;
            // The YAML 1.2 core schema spellings, as core.getBooleanInput accepts.
            if (['true', 'True', 'TRUE'].includes(value))
                return true;
            if (['false', 'False', 'FALSE'].includes(value))
                return false;
            throw new InputError(name, `must be 'true' or 'false'; got '${value}'`);
        });
    }
    /** A duration in ms; undefined when the input is bad (recorded). */
    duration(name, fallback) {
        return this.attempt(undefined, () => {
            const value = this.value(name) || fallback;
            const ms = parseDuration(value);
            if (ms === undefined || ms <= 0) {
                throw new InputError(name, `must be a positive duration such as '90s', '45m', '6h', '2d' or a bare number of minutes; got '${value}'`);
            }
            return ms;
        });
    }
}
/** An absolute https URL (http only on loopback), without a trailing slash. */
function readUrl(name, value) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new InputError(name, `must be an absolute URL such as 'https://example.com'; got '${value}'`);
    }
    if (!isAllowedScheme(url)) {
        throw new InputError(name, `must use https (http only for localhost/127.0.0.1); got '${value}'`);
    }
    if (url.username || url.password || url.search || url.hash) {
        throw new InputError(name, `must not carry credentials, a query or a fragment; got '${url.origin}${url.pathname}…'`);
    }
    return url.href.replace(/\/+$/, '');
}

;// CONCATENATED MODULE: ./src/settings.ts
/**
 * The one object passed from input parsing to the work. Everything in it has been validated:
 * the rest of the code never reads an input or re-checks a value.
 */
const DEFAULT_BASE_URL = {
    cpp: 'https://cloudpartner.azure.com',
    'product-ingestion': 'https://graph.microsoft.com/rp/product-ingestion'
};
const DEFAULT_API_VERSION = {
    cpp: '2017-10-31',
    'product-ingestion': '2022-03-01-preview2'
};
/** The token scope (v2 `.default` form) each API needs. */
const TOKEN_SCOPE = {
    cpp: 'https://cloudpartner.azure.com/.default',
    'product-ingestion': 'https://graph.microsoft.com/.default'
};
const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
/** The shortest pause between two polls, whatever the input or the server's Retry-After says. */
const MIN_POLL_INTERVAL_MS = 1000;

;// CONCATENATED MODULE: ./src/input-auth.ts
/**
 * The authentication inputs (exactly one of three forms) and the GitHub inputs (deployment,
 * environment, token, follow), read into their parts of GoLiveSettings. Errors are recorded on the
 * InputCheck, never thrown, so they are reported with every other bad input.
 */



const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const input_auth_FORMS = "give exactly one of: 'token'; 'tenant-id' + 'client-id' + 'client-secret'; 'tenant-id' + 'client-id' (GitHub OIDC)";
/** The one authentication form given; undefined when the inputs do not make one (errors recorded). */
function readAuth(check) {
    const token = check.value('token');
    const tenantId = check.value('tenant-id');
    const clientId = check.value('client-id');
    const clientSecret = check.value('client-secret');
    if (token) {
        const others = ['tenant-id', 'client-id', 'client-secret'].filter((name) => check.value(name));
        if (others.length > 0) {
            check.fail(new InputError('token', `cannot be combined with ${others.map((n) => `'${n}'`).join(', ')}: ${input_auth_FORMS}`));
            if (tenantId && clientId) {
                check.hint(`remove 'token': with 'tenant-id' and 'client-id'${clientSecret ? " and 'client-secret'" : ' (GitHub OIDC)'} ` +
                    'the action gets and renews its tokens itself');
            }
            return undefined;
        }
        if (/^bearer\s/i.test(token)) {
            check.fail(new InputError('token', "must be the bare token, without 'Bearer ' or spaces: the action adds 'Bearer ' itself"));
            return undefined;
        }
        if (/\s/.test(token)) {
            check.fail(new InputError('token', "must be the bare token, without 'Bearer ' or spaces"));
            return undefined;
        }
        return { kind: 'token', token };
    }
    if (!tenantId && !clientId) {
        check.fail(clientSecret
            ? new InputError('client-secret', "needs 'tenant-id' and 'client-id' (the app registration's Directory (tenant) ID and " +
                `Application (client) ID): ${input_auth_FORMS}`)
            : new InputError('token', `is missing and no other credentials were given: ${input_auth_FORMS}`));
        return undefined;
    }
    if (!tenantId) {
        check.fail(new InputError('tenant-id', `is required with 'client-id': ${input_auth_FORMS}`));
    }
    else if (!GUID_PATTERN.test(tenantId) && !DOMAIN_PATTERN.test(tenantId)) {
        check.fail(new InputError('tenant-id', `must be a GUID or a domain such as contoso.onmicrosoft.com; got '${tenantId}'`));
    }
    if (!clientId) {
        check.fail(new InputError('client-id', `is required with 'tenant-id': ${input_auth_FORMS}`));
    }
    else if (!GUID_PATTERN.test(clientId)) {
        check.fail(new InputError('client-id', `must be the app registration's Application (client) ID, a GUID; got '${clientId}'`));
    }
    const authorityHost = check.attempt(undefined, () => readUrl('authority-host', check.value('authority-host') || DEFAULT_AUTHORITY_HOST));
    if (check.failed('tenant-id', 'client-id') || authorityHost === undefined)
        return undefined;
    if (clientSecret)
        return { kind: 'client-secret', tenantId, clientId, clientSecret, authorityHost };
    return { kind: 'oidc', tenantId, clientId, authorityHost };
}
/** `github-deployment`, `deployment-environment`, `github-token` and `follow`. */
function readGitHubSettings(check, follow) {
    const githubDeployment = check.boolean('github-deployment', false);
    const deploymentEnvironment = check.value('deployment-environment');
    // eslint-disable-next-line no-control-regex
    if (deploymentEnvironment.length > 255 || /[\u0000-\u001f\u007f]/.test(deploymentEnvironment)) {
        check.fail(new InputError('deployment-environment', `must be a GitHub environment name of at most 255 characters, on one line; got '${deploymentEnvironment}'`));
    }
    const githubToken = check.value('github-token');
    if ((githubDeployment || follow) && !githubToken) {
        check.fail(new InputError('github-token', `is required with ${follow ? 'follow' : 'github-deployment'}: true (its default is \${{ github.token }})`));
    }
    return { githubDeployment, deploymentEnvironment, githubToken, follow };
}

;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: ./src/workflow-commands.ts
/**
 * The few runner commands needed before the first request: read an input, mask a secret, write a
 * log line, a debug line or a warning. They follow @actions/core's wire format exactly, but do not
 * import it: @actions/core loads an HTTP stack (undici) and @actions/exec at start, which tripled
 * the action's start-up time. Files (outputs, job summary), the failure status and the OIDC token
 * still go through @actions/core, loaded when first needed (see report.ts).
 *
 * Every line printed here goes through the one safe path in text.ts (secrets replaced, control
 * characters removed, `##[` broken up, length bounded): API text reaches debug lines, warnings and
 * plain lines through many callers, so the wire is where it is enforced. A port of this file onto
 * @actions/core must keep these calls.
 */


/** `INPUT_<NAME>` as the runner sets it (spaces become `_`, dashes stay), trimmed; '' when absent. */
function getInput(name) {
    return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
/**
 * Registers a value the runner must mask in every later log line. The value goes verbatim, escaped
 * only as the runner unescapes it (`%`, CR, LF): a mask in any other form would not match the
 * secret when it is printed. Our own lines replace it too (see text.ts).
 */
function setSecret(secret) {
    registerSecret(secret);
    process.stdout.write(`::add-mask::${escapeData(secret)}${external_node_os_namespaceObject.EOL}`);
}
/** A plain log line; whatever it holds, it stays one line, so it cannot start a command. */
function info(message) {
    process.stdout.write(safeLine(message) + external_node_os_namespaceObject.EOL);
}
/**
 * A line inside a stop-commands fence (report.ts logUntrusted): the runner reads no command there,
 * so API text is shown as it is (`##[` too), one line, secrets replaced, control characters removed.
 */
function infoInsideFence(message) {
    process.stdout.write(safeLine(message, MAX_LINE_CHARS, false) + external_node_os_namespaceObject.EOL);
}
function debug(message) {
    issue('debug', safeText(message));
}
function warning(message) {
    issue('warning', safeText(message));
}
/** Escaping as @actions/core does, so a message can never end the command or start another line. */
function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function issue(command, message) {
    process.stdout.write(`::${command}::${escapeData(message)}${external_node_os_namespaceObject.EOL}`);
}

;// CONCATENATED MODULE: ./src/input-hints.ts
/**
 * Inputs that are each well formed but do not fit together or with where the job runs: an endpoint
 * or API version of the other API (an error, naming the fix), and a `timeout` that a GitHub-hosted
 * runner will never let the action reach (a warning at start, saying what to do instead).
 */



const API_LABEL = {
    cpp: 'Cloud Partner Portal (cpp)',
    'product-ingestion': 'Product Ingestion'
};
/** GitHub stops any job on a GitHub-hosted runner after 6 hours of execution. */
const HOSTED_RUNNER_JOB_LIMIT_MS = 6 * 3_600_000;
/** `base-url` or `api-version` set to the other API's own value: every request would be refused. */
function checkOtherApiInputs(check, api, baseUrl, apiVersion) {
    const other = api === 'cpp' ? 'product-ingestion' : 'cpp';
    const fix = `set 'api: ${other}' if that API is meant, or`;
    if (check.value('base-url') && baseUrl === DEFAULT_BASE_URL[other]) {
        check.fail(new InputError('base-url', `is the ${API_LABEL[other]} API's endpoint, but 'api' is '${api}': ${fix} leave 'base-url' empty ` +
            `for ${DEFAULT_BASE_URL[api]}`));
    }
    if (check.value('api-version') && apiVersion === DEFAULT_API_VERSION[other]) {
        check.fail(new InputError('api-version', `is the ${API_LABEL[other]} API's version, but 'api' is '${api}': ${fix} leave 'api-version' empty ` +
            `for ${DEFAULT_API_VERSION[api]}`));
    }
}
/**
 * On a GitHub-hosted runner a wait beyond 6 hours never reaches its own timeout: GitHub stops the
 * job first and every result of the run is lost. Said once at start, with the two ways out.
 */
function warnAboutHostedRunnerLimit(settings, timeoutText, env) {
    if (env.RUNNER_ENVIRONMENT !== 'github-hosted')
        return;
    if (!settings.wait || settings.dryRun || settings.follow)
        return;
    // The job's own set-up counts towards the 6 hours too, so a 6h timeout is already cut short.
    if (settings.timeoutMs < HOSTED_RUNNER_JOB_LIMIT_MS)
        return;
    warning(`Input 'timeout' is ${timeoutText}, not under the 6-hour limit of jobs on GitHub-hosted runners: GitHub will stop ` +
        'this job at 6 hours, before the timeout, and the result (outputs, job summary, step status) is lost; the ' +
        "go-live itself goes on at Microsoft. Either set a 'timeout' under 6h (for example 5h) with " +
        "'on-timeout: warn' and 'github-deployment: true', and let a scheduled workflow with 'follow: true' report " +
        'how it ends; or run this job on a self-hosted runner.');
}

;// CONCATENATED MODULE: ./src/input-helper.ts
/**
 * The single reader of inputs: defaults, normalising and validation, into one GoLiveSettings.
 * Every bad input is collected and all are thrown together (one InputError listing each, with the
 * likely fix when the combination says it) before anything touches the network.
 */









const API_VERSION_PATTERN = /^\d{4}-\d{2}-\d{2}(-[A-Za-z0-9]+)?$/;
function getSettings(read = getInput, env = process.env) {
    // Mask first: nothing below may log these, and no message may leak them either.
    for (const name of ['token', 'client-secret', 'github-token']) {
        const secret = read(name).trim();
        if (secret)
            setSecret(secret);
    }
    const check = new InputCheck(read);
    const api = check.oneOf('api', ['cpp', 'product-ingestion'], 'cpp');
    // follow: with no ID, every target recorded on GitHub is followed; an ID given narrows it down.
    const follow = check.boolean('follow', false);
    // With an unknown 'api', which IDs are required is a guess: its own error is enough.
    const target = check.failed('api') ? undefined : readTarget(check, api, follow);
    const baseUrl = check.attempt(undefined, () => {
        const value = check.value('base-url');
        return value ? readUrl('base-url', value) : DEFAULT_BASE_URL[api];
    });
    const apiVersion = check.value('api-version') || DEFAULT_API_VERSION[api];
    if (!API_VERSION_PATTERN.test(apiVersion)) {
        check.fail(new InputError('api-version', `must look like ${DEFAULT_API_VERSION[api]}; got '${apiVersion}'`));
    }
    if (!check.failed('api'))
        checkOtherApiInputs(check, api, baseUrl, apiVersion);
    const auth = readAuth(check);
    const timeoutMs = check.duration('timeout', '60m');
    const pollIntervalMs = check.duration('poll-interval', '60s');
    if (pollIntervalMs !== undefined && pollIntervalMs < MIN_POLL_INTERVAL_MS) {
        check.fail(new InputError('poll-interval', `must be at least 1s; got '${check.value('poll-interval')}'`));
    }
    const operationLocation = check.value('operation-location');
    if (follow && operationLocation) {
        check.fail(new InputError('operation-location', "cannot be combined with follow: true, which finds its operations on GitHub: remove 'operation-location' " +
            "to follow every go-live recorded there, or remove 'follow: true' to wait on this one operation"));
    }
    else if (operationLocation && target && baseUrl !== undefined) {
        checkLocation({ api, baseUrl, ...target }, operationLocation, check);
    }
    const wait = check.boolean('wait', true);
    const onTimeout = check.oneOf('on-timeout', ['fail', 'warn', 'cancel'], 'fail');
    const onCancel = check.oneOf('on-cancel', ['leave', 'cancel'], 'leave');
    const dryRun = check.boolean('dry-run', false);
    const github = readGitHubSettings(check, follow);
    if (follow && dryRun) {
        check.fail(new InputError('dry-run', 'cannot be combined with follow: true; a follow run starts nothing anyway'));
    }
    check.throwIfAny();
    // Every value below was checked: an undefined one has thrown above.
    const settings = {
        api,
        ...target,
        auth: auth,
        baseUrl: baseUrl,
        apiVersion,
        wait,
        timeoutMs: timeoutMs,
        pollIntervalMs: pollIntervalMs,
        onTimeout,
        onCancel,
        operationLocation,
        dryRun,
        ...github
    };
    const { publisherId, offerId, productId } = settings;
    debug(`settings: api=${api} target=${api === 'cpp' ? `${publisherId}/${offerId}` : productId} auth=${settings.auth.kind} ` +
        `base-url=${settings.baseUrl} api-version=${apiVersion} wait=${wait} timeout=${settings.timeoutMs}ms ` +
        `poll-interval=${settings.pollIntervalMs}ms on-timeout=${onTimeout} on-cancel=${onCancel} ` +
        `dry-run=${dryRun} follow=${follow} github-deployment=${settings.githubDeployment}${operationLocation ? ` operation-location=${operationLocation}` : ''}`);
    warnAboutHostedRunnerLimit(settings, read('timeout').trim() || '60m', env);
    return settings;
}
/**
 * The IDs of the API chosen. An ID of the other API is ignored with a warning; when it stands alone
 * where the chosen API's IDs are missing, the likely fix is to choose the other API.
 */
function readTarget(check, api, follow) {
    const publisherId = check.value('publisher-id');
    const offerId = check.value('offer-id');
    const productId = check.value('product-id');
    if (api === 'cpp') {
        if (follow && !publisherId && !offerId) {
            if (productId) {
                warning("Input 'product-id' is ignored: it belongs to api: product-ingestion (set 'api: product-ingestion' to follow that product)");
            }
            return { publisherId, offerId, productId: '' };
        }
        if (productId && !publisherId && !offerId) {
            check.hint(`'product-id' is given but 'api' is ${check.value('api') ? "'cpp'" : "'cpp' (the default)"}, which needs ` +
                "'publisher-id' and 'offer-id'. Offers created in Partner Center go live through the Product Ingestion API " +
                "with 'product-id': set 'api: product-ingestion'.");
        }
        else if (productId) {
            warning("Input 'product-id' is ignored: it belongs to api: product-ingestion");
        }
        requireId(check, 'publisher-id', publisherId, "a publisher ID such as 'contoso'");
        requireId(check, 'offer-id', offerId, "an offer ID such as 'contoso-offer'");
        return { publisherId, offerId, productId: '' };
    }
    const cppIds = ['publisher-id', 'offer-id'].filter((name) => check.value(name));
    if (follow && !productId)
        return { publisherId: '', offerId: '', productId: '' };
    if (!productId) {
        check.fail(new InputError('product-id', "is required with api: product-ingestion (the product's durable ID, a GUID)"));
        if (cppIds.length > 0) {
            check.hint(`${cppIds.map((n) => `'${n}'`).join(' and ')} ${cppIds.length > 1 ? 'are' : 'is'} given but 'api' is ` +
                "'product-ingestion', which needs 'product-id'. For an offer of the Cloud Partner Portal API, remove " +
                "'api: product-ingestion' (cpp is the default); for a Partner Center product, give its 'product-id'.");
        }
        return { publisherId: '', offerId: '', productId: '' };
    }
    const bare = productId.replace(/^product\//i, '');
    if (!GUID_PATTERN.test(bare)) {
        check.fail(new InputError('product-id', "must be a GUID, optionally prefixed with 'product/' (the product's durable ID, the GUID in its " +
            `Partner Center address .../offers/<GUID>/overview); got '${productId}'`));
    }
    for (const name of cppIds)
        warning(`Input '${name}' is ignored: it belongs to api: cpp`);
    return { publisherId: '', offerId: '', productId: bare };
}
function requireId(check, name, value, example) {
    if (!value) {
        check.fail(new InputError(name, `is required with api: cpp (${example})`));
    }
    else if (!ID_PATTERN.test(value) || value.includes('..')) {
        check.fail(new InputError(name, `must be letters, digits, '-', '_' or '.' (no '/', '?', '#' or '..'), at most 100 characters; got '${value}'`));
    }
}
/**
 * A usable location of this target: one of another offer or product would follow (and report live)
 * the wrong target. Its target is judged only when the IDs it is compared with are themselves valid.
 */
function checkLocation(target, location, check) {
    check.attempt(undefined, () => {
        try {
            resolveLocation(target.baseUrl, location);
            if (check.failed('publisher-id', 'offer-id', 'product-id'))
                return;
            const mismatch = locationTargetMismatch(target, location);
            if (mismatch)
                throw new InputError('operation-location', mismatch);
        }
        catch (err) {
            if (err instanceof ProtocolError)
                throw new InputError('operation-location', `is not usable: ${err.message}`);
            if (err instanceof InputError)
                throw err;
            throw new InputError('operation-location', `is not a relative path or a URL: '${location}'`);
        }
    });
}

;// CONCATENATED MODULE: ./src/github/payload.ts
/**
 * What a deployment of this action records in its payload, and reading it back. Anyone who may
 * write deployments to the repository can create one with any payload, so a payload read back is
 * untrusted input: the IDs are checked with the patterns the inputs use, and the operation location
 * is held to the API origin of the run that reads it (never to one the payload names).
 */




/** The deployment task that marks a deployment as one of this action's go-lives. */
const DEPLOYMENT_TASK = 'marketplace-go-live';
/** The payload format's version, the value of the `marketplace-go-live` key. */
const PAYLOAD_VERSION = 1;
/** The payload written at creation (see README, "Following a go-live for days"). */
function writePayload(record) {
    return {
        'marketplace-go-live': PAYLOAD_VERSION,
        api: record.api,
        ...(record.api === 'cpp'
            ? { publisherId: record.publisherId, offerId: record.offerId }
            : { productId: record.productId }),
        ...(record.operationLocation ? { operationLocation: record.operationLocation } : {}),
        startedAt: record.startedAt
    };
}
/**
 * Reads a payload back. Throws ProtocolError saying what is wrong with it; the caller skips the
 * deployment with a warning naming it.
 */
function readPayload(payload, baseUrl) {
    let value = payload;
    if (typeof value === 'string') {
        try {
            value = JSON.parse(value);
        }
        catch {
            throw new ProtocolError('its payload is not JSON');
        }
    }
    if (!isRecord(value))
        throw new ProtocolError('its payload is not a JSON object');
    if (value['marketplace-go-live'] !== PAYLOAD_VERSION) {
        throw new ProtocolError(`its payload is not a marketplace-go-live record of version ${PAYLOAD_VERSION}`);
    }
    const api = value.api;
    if (api !== 'cpp' && api !== 'product-ingestion')
        throw new ProtocolError("its payload's api is not 'cpp' or 'product-ingestion'");
    let publisherId = '';
    let offerId = '';
    let productId = '';
    if (api === 'cpp') {
        publisherId = checkId(value.publisherId, 'publisherId');
        offerId = checkId(value.offerId, 'offerId');
    }
    else {
        productId = (str(value.productId) ?? '').replace(/^product\//i, '');
        if (!GUID_PATTERN.test(productId))
            throw new ProtocolError("its payload's productId is not a GUID");
    }
    const startedAt = str(value.startedAt) ?? '';
    if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(startedAt) || Number.isNaN(Date.parse(startedAt))) {
        throw new ProtocolError("its payload's startedAt is not an ISO time");
    }
    const location = value.operationLocation;
    if (location !== undefined && typeof location !== 'string') {
        throw new ProtocolError("its payload's operationLocation is not a string");
    }
    // Held to this run's API origin, as every location is: the bearer token goes with each poll.
    const operationLocation = location ? resolveLocation(baseUrl, location) : '';
    return { api: api, publisherId, offerId, productId, operationLocation, startedAt };
}
/** `cpp:contoso/contoso-offer` or `product-ingestion:{guid}`: one go-live at a time runs per key. */
function targetKey(ids) {
    return ids.api === 'cpp'
        ? `cpp:${ids.publisherId}/${ids.offerId}`
        : `product-ingestion:${ids.productId.toLowerCase()}`;
}
/** "offer contoso/contoso-offer" or "product {guid}", as the backends name their targets. */
function describeTarget(ids) {
    return ids.api === 'cpp' ? `offer ${ids.publisherId}/${ids.offerId}` : `product ${ids.productId}`;
}
/** The default `deployment-environment`. */
function defaultEnvironment(ids) {
    return `marketplace-${ids.api === 'cpp' ? ids.offerId : ids.productId}`;
}
function checkId(value, name) {
    const text = typeof value === 'string' ? value : '';
    if (!ID_PATTERN.test(text) || text.includes('..')) {
        throw new ProtocolError(`its payload's ${name} is not a valid ID (letters, digits, '-', '_', '.')`);
    }
    return text;
}

;// CONCATENATED MODULE: ./src/github/deployments.ts





const IN_FLIGHT = new Set(['queued', 'pending', 'in_progress']);
/** No deployment list is read past this many pages of 100. */
const MAX_PAGES = 10;
/** GitHub's limit on a status description. */
const MAX_DESCRIPTION = 140;
const RETRY_DELAYS_MS = [1_000, 3_000];
/** Requests to GitHub at a time when reading many deployments. */
const GITHUB_CONCURRENCY = 8;
/** A failure talking to GitHub, in words a person can act on. */
class GitHubError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
        this.name = 'GitHubError';
    }
}
function githubRunFromEnv(env = process.env) {
    const repository = env.GITHUB_REPOSITORY ?? '';
    const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(repository);
    if (!match) {
        throw new GitHubError(`GITHUB_REPOSITORY is '${repository}', not 'owner/repo': GitHub deployments need a GitHub Actions workflow run`, 0);
    }
    const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
    const runId = env.GITHUB_RUN_ID ?? '';
    const runUrl = /^\d+$/.test(runId) && /^https?:\/\//.test(server) ? `${server}/${repository}/actions/runs/${runId}` : '';
    return { owner: match[1], repo: match[2], sha: env.GITHUB_SHA || env.GITHUB_REF || '', runUrl };
}
class Deployments {
    token;
    run;
    clock;
    log;
    octokit;
    constructor(token, run, clock, log) {
        this.token = token;
        this.run = run;
        this.clock = clock;
        this.log = log;
    }
    client() {
        // Loaded on first use: @actions/github brings an HTTP stack that only these runs need.
        this.octokit ??= Promise.all(/* import() */[__nccwpck_require__.e(119), __nccwpck_require__.e(413)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2413)).then(({ getOctokit }) => getOctokit(this.token));
        return this.octokit;
    }
    /** One request with a few retries on outages and rate limits; other failures become GitHubError. */
    async call(route, parameters, what) {
        const octokit = await this.client();
        const full = {
            owner: this.run.owner,
            repo: this.run.repo,
            headers: { 'x-github-api-version': '2022-11-28' },
            ...parameters
        };
        for (let attempt = 0;; attempt++) {
            try {
                return await octokit.request(route, full);
            }
            catch (error) {
                const status = typeof error.status === 'number' ? error.status : 0;
                const retryable = status === 0 || status === 429 || status >= 500;
                if (retryable && attempt < RETRY_DELAYS_MS.length) {
                    this.log.info(`GitHub: ${what} failed (${status || 'no answer'}); retrying in ${RETRY_DELAYS_MS[attempt] / 1000}s`);
                    await this.clock.sleep(RETRY_DELAYS_MS[attempt]);
                    continue;
                }
                throw this.describe(error, status, route, what);
            }
        }
    }
    describe(error, status, route, what) {
        const data = error.response?.data;
        const said = (isRecord(data) && str(data.message)) || error.message || String(error);
        const request = route.replace('{owner}/{repo}', `${this.run.owner}/${this.run.repo}`);
        const base = `GitHub answered ${status || 'nothing'} to ${what} (${request}): ${clause(said)}.`;
        if (status === 403 || status === 404) {
            return new GitHubError(`${base} The job's token needs \`permissions: deployments: write\` to record a go-live (add it to the job's ` +
                "permissions, or pass a token that has it as 'github-token'); a workflow triggered from a fork never gets it.", status);
        }
        if (status === 401)
            return new GitHubError(`${base} Check the 'github-token' input (its default is the job's token).`, status);
        return new GitHubError(`${base} Try again later.`, status);
    }
    /** Creates a deployment of the workflow's commit; `auto_merge` off and no required contexts. */
    async create(environment, record, payload, description) {
        if (!this.run.sha)
            throw new GitHubError('GITHUB_SHA is not set: GitHub deployments need a GitHub Actions workflow run', 0);
        const response = await this.call('POST /repos/{owner}/{repo}/deployments', {
            ref: this.run.sha,
            task: DEPLOYMENT_TASK,
            environment,
            payload,
            description: truncate(description, MAX_DESCRIPTION),
            auto_merge: false,
            required_contexts: [],
            transient_environment: false,
            production_environment: false
        }, 'creating a deployment');
        const data = response.data;
        if (response.status !== 201 || !isRecord(data) || typeof data.id !== 'number') {
            const said = isRecord(data) ? (str(data.message) ?? '') : '';
            throw new GitHubError(`GitHub did not create the deployment (HTTP ${response.status}${said ? `: ${clause(said)}` : ''}).`, response.status);
        }
        return {
            id: data.id,
            environment: str(data.environment) ?? environment,
            createdAt: str(data.created_at) ?? '',
            record
        };
    }
    /**
     * The in-flight go-lives: this action's deployments (of one environment when given), the newest
     * per target, whose latest status is queued, pending or in progress, or that have none yet.
     * `wanted` narrows them to one target; `baseUrl` holds every operation location to its origin.
     */
    async findInFlight(options) {
        const newest = new Map();
        const skipped = [];
        for (let page = 1; page <= MAX_PAGES; page++) {
            const response = await this.call('GET /repos/{owner}/{repo}/deployments', {
                task: DEPLOYMENT_TASK,
                ...(options.environment ? { environment: options.environment } : {}),
                per_page: 100,
                page
            }, 'listing deployments');
            const items = Array.isArray(response.data) ? response.data.filter(isRecord) : [];
            for (const item of items) {
                if (typeof item.id !== 'number' || str(item.task) !== DEPLOYMENT_TASK)
                    continue;
                const environment = str(item.environment) ?? '';
                let record;
                try {
                    record = readPayload(item.payload, options.baseUrl);
                }
                catch (error) {
                    if (!(error instanceof ProtocolError))
                        throw error;
                    skipped.push(`Deployment ${item.id} (environment '${environment}') was skipped: ${clause(error.message)}.`);
                    continue;
                }
                if (options.wanted && !options.wanted(record))
                    continue;
                const candidate = { id: item.id, environment, createdAt: str(item.created_at) ?? '', record };
                const key = targetKey(record);
                const known = newest.get(key);
                if (!known || isNewer(candidate, known))
                    newest.set(key, candidate);
            }
            if (!hasNextPage(response.headers) || items.length < 100)
                break;
            if (page === MAX_PAGES)
                this.log.warning(`Only the newest ${MAX_PAGES * 100} deployments were read.`);
        }
        const candidates = [...newest.values()];
        await mapWithLimit(candidates, GITHUB_CONCURRENCY, async (deployment) => {
            deployment.state = await this.latestState(deployment.id);
        });
        const inFlight = candidates.filter((d) => d.state === undefined || IN_FLIGHT.has(d.state));
        return { inFlight: inFlight.sort((a, b) => a.id - b.id), skipped };
    }
    /** The state of the newest status (by time, then ID: no list order is assumed). */
    async latestState(id) {
        const response = await this.call('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', { deployment_id: id, per_page: 100 }, `reading the statuses of deployment ${id}`);
        const statuses = Array.isArray(response.data) ? response.data.filter(isRecord) : [];
        let latest;
        for (const status of statuses) {
            if (!latest || compareStatus(status, latest) > 0)
                latest = status;
        }
        const state = latest && str(latest.state);
        return state;
    }
    /** Posts a status when the state differs from the one last known; returns whether it posted. */
    async setState(deployment, state, details = {}) {
        if (deployment.state === state)
            return false;
        await this.call('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
            deployment_id: deployment.id,
            state,
            ...(this.run.runUrl ? { log_url: this.run.runUrl } : {}),
            ...(details.environmentUrl ? { environment_url: details.environmentUrl } : {}),
            description: truncate(details.description ?? '', MAX_DESCRIPTION),
            auto_inactive: state === 'success'
        }, `setting deployment ${deployment.id} to ${state}`);
        deployment.state = state;
        return true;
    }
    /** Removes a placeholder once its successor exists; a failure only leaves it inactive. */
    async retire(deployment, successor) {
        try {
            await this.setState(deployment, 'inactive', {
                description: `Replaced by deployment ${successor}, which records the operation`
            });
            await this.call('DELETE /repos/{owner}/{repo}/deployments/{deployment_id}', { deployment_id: deployment.id }, `deleting deployment ${deployment.id}`);
        }
        catch (error) {
            this.log.debug(`placeholder deployment ${deployment.id} left as it is: ${error.message}`);
        }
    }
}
function isNewer(a, b) {
    const byTime = (Date.parse(a.createdAt) || 0) - (Date.parse(b.createdAt) || 0);
    return byTime !== 0 ? byTime > 0 : a.id > b.id;
}
function compareStatus(a, b) {
    const byTime = (Date.parse(str(a.created_at) ?? '') || 0) - (Date.parse(str(b.created_at) ?? '') || 0);
    if (byTime !== 0)
        return byTime;
    return (typeof a.id === 'number' ? a.id : 0) - (typeof b.id === 'number' ? b.id : 0);
}
function hasNextPage(headers) {
    const link = headers.link ?? headers.Link;
    return typeof link === 'string' && /rel="next"/.test(link);
}

;// CONCATENATED MODULE: ./src/advice.ts
/**
 * Turns any failure into one message a person can act on: what failed, the status code, the API's
 * own code and message, and what to do next. No stack traces.
 */


function formatFailure(error, context) {
    if (error instanceof InputError ||
        error instanceof AuthError ||
        error instanceof PreconditionError ||
        error instanceof GitHubError)
        return error.message;
    if (error instanceof ProtocolError)
        return `Stopped: ${error.message}.`;
    if (error instanceof ApiError)
        return `${error.message}. ${adviceFor(error, context)}`.trim();
    if (error instanceof Error)
        return `Unexpected failure: ${error.message}`;
    return `Unexpected failure: ${String(error)}`;
}
function adviceFor(error, context) {
    const resume = context?.operationLocation
        ? ` The operation may still be running: follow it later with operation-location: ${context.operationLocation}`
        : '';
    const target = context?.target ?? 'the offer';
    const ids = context?.api === 'product-ingestion' ? "'product-id'" : "'publisher-id' and 'offer-id'";
    switch (error.status) {
        case 400:
            if (VERSION_REFUSED.test(`${error.details.code ?? ''} ${error.details.apiMessage ?? ''}`)) {
                const current = context?.api === 'product-ingestion' ? '2022-07-01' : '2017-10-31';
                return ("The API refused the API version the action sent. Set the 'api-version' input to a version the API " +
                    `accepts (for example ${current}), or leave it empty for the action's default.`);
            }
            return `The API refused the request; its error code and message above say why.${resume}`;
        case 401:
            return context?.staticToken
                ? "The 'token' input is missing, invalid or expired (tokens live about an hour). " +
                    "Use 'tenant-id' + 'client-id' with 'client-secret', or GitHub OIDC, so the action gets and renews tokens itself." +
                    resume
                : 'The API rejected a freshly acquired token: check that the app registration belongs to the tenant that owns the publisher account.' +
                    resume;
        case 403:
            return (`The token is valid but its service principal has no access to ${target}. ` +
                'In Partner Center add the app (Account settings > User management > Azure AD applications) with the Manager or Developer role.' +
                resume);
        case 404:
            // Resuming with the location the API does not know could never help: no resume hint here.
            if (context?.operationLocation && samePath(error.details.url, context.operationLocation)) {
                return (`The operation ${context.operationLocation} was not found by the API. If it came from 'operation-location', ` +
                    `check that it is the operation-location output of an earlier run for ${target} (not its operation-id), ` +
                    'or run without operation-location to start or join a go-live.');
            }
            return (`${target} was not found: check ${ids}, and that the app can see this publisher account.` +
                (context?.api === 'cpp'
                    ? " Offers created in Partner Center are not in the CPP API: use 'api: product-ingestion' with 'product-id'."
                    : ''));
        case 409:
            return `Another operation holds ${target}; wait for it to finish or cancel it, then run again.${resume}`;
        case 429:
            return `The API kept throttling requests. Raise 'poll-interval' (Microsoft asks for at most one poll a minute) and run again.${resume}`;
        case 0:
        case 500:
        case 502:
        case 503:
        case 504:
            return `The API is unavailable right now (retries did not help); try again later.${resume}`;
        default:
            return resume.trim();
    }
}
/** A 400 about the version: CPP's InvalidAPIVersion, Product Ingestion's "… is a deprecated schema". */
const VERSION_REFUSED = /invalidapiversion|deprecated schema|api[ -]?version|\$version/i;
/** Same origin and path: the query and fragment of an operation location do not name another resource. */
function samePath(a, b) {
    try {
        const x = new URL(a);
        const y = new URL(b);
        return x.origin === y.origin && x.pathname.replace(/\/+$/, '') === y.pathname.replace(/\/+$/, '');
    }
    catch {
        return false;
    }
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __nccwpck_require__(7067);
;// CONCATENATED MODULE: ./src/error-details.ts
/**
 * API errors nest: `{"code":"internalServerError","message":"Operation failed","details":[{"code":
 * "invalidState","message":"Certification","details":[{…"Issues found during Certification."}]}]}`.
 * The line a person needs is often the innermost one, so the whole tree is flattened into one
 * bounded sentence. The result is untrusted API text: callers log and show it like any other.
 */


/** Deep enough for every nesting seen; a hostile body cannot make the walk long. */
const MAX_DEPTH = 6;
const MAX_ITEMS = 12;
const MAX_CHARS = 1000;
/** `code: message` of one error and each of its nested `details`, depth first, without repeats. */
function flattenErrorTree(error) {
    const items = [];
    const walk = (node, depth) => {
        if (!isRecord(node) || depth > MAX_DEPTH || items.length >= MAX_ITEMS)
            return;
        const code = str(node.code)?.trim();
        const message = str(node.message)?.trim();
        const item = [code, message && clause(message)].filter(Boolean).join(': ');
        if (item && !items.includes(item))
            items.push(item);
        for (const detail of asArray(node.details))
            walk(detail, depth + 1);
    };
    walk(error, 0);
    return items;
}
/** One error tree as a sentence: `internalServerError: Operation failed > invalidState: …`. */
function describeErrorTree(error) {
    return truncate(flattenErrorTree(error).join(' > '), MAX_CHARS);
}
/** Several error trees (a job's `errors`), each described, separated by `; `. */
function describeErrors(errors) {
    return truncate(asArray(errors).slice(0, MAX_ITEMS).map(describeErrorTree).filter(Boolean).join('; '), MAX_CHARS);
}
/**
 * The nested details of an API error body, after its own message: `message (details: a > b)`;
 * the message alone when there are none.
 */
function withDetails(message, details) {
    const nested = asArray(details).flatMap(flattenErrorTree);
    const extra = nested.filter((item) => !message || !item.endsWith(clause(message)));
    if (!extra.length)
        return message;
    const text = truncate(extra.slice(0, MAX_ITEMS).join(' > '), MAX_CHARS);
    return message ? `${clause(message)} (details: ${text})` : text;
}

;// CONCATENATED MODULE: ./src/http.ts
/**
 * Everything that crosses the network: one request function (proxy-aware through
 * @actions/http-client's agents, bounded by a timeout and an AbortSignal), retries with backoff and
 * Retry-After, and ApiClient, which adds the bearer token, the origin guard and API error mapping.
 */





const USER_AGENT = 'marketplace-go-live';
/** Bodies past this size are cut: an operation document is a few KB; a runaway body must not grow memory. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** No single attempt waits longer than this for an answer. */
const REQUEST_TIMEOUT_MS = 30_000;
/** Even past the deadline, a last request (e.g. a cancel) gets this long to answer. */
const REQUEST_GRACE_MS = 2_000;
const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504]);
/** Statuses worth trying again later: throttling, timeouts and server errors (0: no answer). */
function isTransientStatus(status) {
    return status === 0 || TRANSIENT_STATUS.has(status);
}
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];
let proxyClient;
/**
 * With a proxy configured, @actions/http-client's agent routes through it (honouring NO_PROXY)
 * exactly like other toolkit-based actions. Without one, Node's default agent does, and the
 * client (which loads undici) is never loaded.
 */
async function agentFor(url) {
    if (!PROXY_VARIABLES.some((name) => process.env[name]))
        return undefined;
    proxyClient ??= Promise.all(/* import() */[__nccwpck_require__.e(119), __nccwpck_require__.e(942)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4942)).then(({ HttpClient }) => new HttpClient(USER_AGENT));
    return (await proxyClient).getAgent(url.href);
}
/**
 * One request, one answer; redirects are never followed (a 3xx is an answer like any other), so
 * the credentials in `headers` go to `url`'s origin and nowhere else. Network failures become
 * transient ApiErrors with status 0. The whole exchange is bounded by `timeoutMs` and `signal`,
 * and the body by MAX_BODY_BYTES: past it, reading stops and the request is aborted.
 */
async function sendRequest(options) {
    const url = new URL(options.url);
    const agent = await agentFor(url);
    // https (with tls and crypto) is loaded on first use: the simulator and local proxies speak http.
    const transport = url.protocol === 'https:' ? await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 4708, 23)) : external_node_http_;
    const headers = {
        'user-agent': USER_AGENT,
        accept: 'application/json',
        ...options.headers
    };
    if (options.body !== undefined)
        headers['content-length'] = String(Buffer.byteLength(options.body));
    return new Promise((resolve, reject) => {
        let settled = false;
        const failWith = (status, reason) => {
            if (settled)
                return;
            settled = true;
            cleanUp();
            req.destroy();
            reject(new ApiError({ method: options.method, url: options.url, status, apiMessage: reason, transient: true }));
        };
        const fail = (reason) => failWith(0, reason);
        if (options.signal?.aborted) {
            reject(new ApiError({
                method: options.method,
                url: options.url,
                status: 0,
                apiMessage: 'the request was aborted',
                transient: true
            }));
            return;
        }
        const req = transport.request(url, { method: options.method, headers, agent });
        const timer = setTimeout(() => fail(`no answer within ${Math.round(options.timeoutMs / 1000)}s`), options.timeoutMs);
        const onAbort = () => fail('the request was aborted');
        options.signal?.addEventListener('abort', onAbort, { once: true });
        function cleanUp() {
            clearTimeout(timer);
            options.signal?.removeEventListener('abort', onAbort);
        }
        req.on('error', (err) => fail(describeNetworkError(err)));
        req.on('response', (res) => {
            const chunks = [];
            let size = 0;
            res.on('data', (chunk) => {
                if (settled)
                    return;
                chunks.push(chunk);
                size += chunk.length;
                if (size > MAX_BODY_BYTES) {
                    failWith(res.statusCode ?? 0, `the body passed ${MAX_BODY_BYTES / 1024 / 1024} MiB, so reading stopped and the request was aborted`);
                }
            });
            res.on('error', (err) => fail(describeNetworkError(err)));
            res.on('close', () => {
                if (!res.complete)
                    fail('the connection closed before the answer was complete');
            });
            res.on('end', () => {
                if (settled)
                    return;
                settled = true;
                cleanUp();
                resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
            });
        });
        req.end(options.body);
    });
}
function describeNetworkError(err) {
    if (err.code === 'ECONNRESET')
        return 'the connection was reset';
    if (err.code === 'ECONNREFUSED')
        return 'the connection was refused';
    if (err.code === 'ENOTFOUND')
        return 'the host name could not be resolved';
    return err.message || String(err);
}
/**
 * `Retry-After` in seconds or as an HTTP date, in milliseconds from `now`; undefined when absent
 * or unreadable.
 */
function parseRetryAfter(value, now) {
    const text = (Array.isArray(value) ? value[0] : value)?.trim();
    if (!text)
        return undefined;
    if (/^\d+(\.\d+)?$/.test(text))
        return Math.round(Number(text) * 1000);
    const date = Date.parse(text);
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - now);
}
const DEFAULT_RETRY_POLICY = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 };
/** Exponential backoff with jitter: between half and all of base·2^(retry-1), capped. */
function backoffDelay(retry, policy) {
    const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
    const random = (policy.random ?? Math.random)();
    return Math.round(exponential * (0.5 + random / 2));
}
/**
 * Sends until the answer is not transient, the attempts run out, or the next wait would cross the
 * deadline. Returns the last answer; throws the last network error.
 */
async function sendWithRetries(context, makeRequest) {
    const policy = context.policy ?? DEFAULT_RETRY_POLICY;
    for (let attempt = 1;; attempt++) {
        const timeoutMs = Math.min(REQUEST_TIMEOUT_MS, Math.max(REQUEST_GRACE_MS, context.deadline - context.clock.now()));
        let response;
        let failure;
        try {
            response = await makeRequest(timeoutMs);
            if (!TRANSIENT_STATUS.has(response.status))
                return response;
        }
        catch (err) {
            if (!(err instanceof ApiError) || !err.transient)
                throw err;
            failure = err;
        }
        if (context.signal?.aborted || attempt >= policy.maxAttempts)
            return finish(response, failure);
        const retryAfter = response ? parseRetryAfter(response.headers['retry-after'], context.clock.now()) : undefined;
        // The same floor as polls: a Retry-After of 0 or a date in the past (clock skew) is no reason
        // to send again at once.
        const delay = Math.max(MIN_POLL_INTERVAL_MS, retryAfter ?? backoffDelay(attempt, policy));
        if (context.clock.now() + delay >= context.deadline)
            return finish(response, failure);
        const why = response ? `answered ${response.status}` : `failed (${failure.details.apiMessage})`;
        context.log.info(`${context.label} ${why}; retrying in ${(delay / 1000).toFixed(1)}s` +
            `${retryAfter !== undefined ? ' (as Retry-After asks)' : ''} (attempt ${attempt + 1} of ${policy.maxAttempts})`);
        await context.clock.sleep(delay, context.signal);
        if (context.signal?.aborted)
            return finish(response, failure);
    }
}
function finish(response, failure) {
    if (response)
        return response;
    throw failure;
}
/** Requests to the Marketplace API: bearer token, origin guard, retries, errors with the API's words. */
class ApiClient {
    tokens;
    clock;
    log;
    policy;
    baseUrl;
    origin;
    constructor(baseUrl, tokens, clock, log, policy = DEFAULT_RETRY_POLICY) {
        this.tokens = tokens;
        this.clock = clock;
        this.log = log;
        this.policy = policy;
        this.baseUrl = baseUrl.replace(/\/+$/, '');
        this.origin = new URL(this.baseUrl).origin;
    }
    /** A location the API returned (or a user gave), made absolute and checked against the origin. */
    resolve(location) {
        return resolveLocation(this.baseUrl, location);
    }
    async request(req) {
        if (new URL(req.url).origin !== this.origin) {
            throw new ProtocolError(`refusing to send the token to ${new URL(req.url).origin}; the API origin is ${this.origin}`);
        }
        const body = req.body === undefined ? undefined : JSON.stringify(req.body);
        let renewed = false;
        for (;;) {
            const token = await this.tokens.getToken(req.signal, req.deadline);
            const raw = await sendWithRetries({
                clock: this.clock,
                deadline: req.deadline,
                signal: req.signal,
                policy: req.retry === false ? { ...this.policy, maxAttempts: 1 } : this.policy,
                log: this.log,
                label: req.label
            }, (timeoutMs) => {
                this.log.debug(`${req.method} ${req.url}`);
                const started = Date.now();
                return sendRequest({
                    method: req.method,
                    url: req.url,
                    headers: {
                        authorization: `Bearer ${token}`,
                        // The API documents JSON on every POST, even those that need no body (Go Live).
                        ...(req.method === 'POST' ? { 'content-type': 'application/json' } : {})
                    },
                    body: body ?? (req.method === 'POST' ? '' : undefined),
                    timeoutMs,
                    signal: req.signal
                }).then((res) => {
                    this.log.debug(`${req.method} ${new URL(req.url).pathname} -> ${res.status} in ${Date.now() - started} ms`);
                    return res;
                });
            });
            // An acquired token can be revoked or expire early: get a new one once before giving up.
            if (raw.status === 401 && !renewed && this.tokens.renewable) {
                renewed = true;
                this.log.info(`${req.label} answered 401; getting a new token and trying once more`);
                this.tokens.invalidate();
                continue;
            }
            return toApiResponse(req, raw, this.clock.now());
        }
    }
}
function toApiResponse(req, raw, now) {
    const ok = raw.status >= 200 && raw.status < 300;
    const accepted = ok || (req.acceptStatus?.includes(raw.status) ?? false);
    const requestId = header(raw, 'x-ms-request-id') ?? header(raw, 'request-id') ?? header(raw, 'x-ms-correlation-request-id');
    let body;
    let unreadable = false;
    if (raw.text.trim()) {
        try {
            body = JSON.parse(raw.text);
        }
        catch {
            unreadable = true;
        }
    }
    if (accepted && (!unreadable || (ok && req.bodyOptional))) {
        return {
            status: raw.status,
            headers: raw.headers,
            body,
            retryAfterMs: parseRetryAfter(raw.headers['retry-after'], now)
        };
    }
    const apiError = readApiError(body);
    if (raw.status >= 300 && raw.status < 400) {
        throw new ApiError({
            method: req.method,
            url: req.url,
            status: raw.status,
            apiMessage: `a redirect${redirectTarget(raw)}, which is not followed: the token is only sent to the API origin`,
            requestId,
            transient: false
        });
    }
    throw new ApiError({
        method: req.method,
        url: req.url,
        status: raw.status,
        code: apiError?.code,
        apiMessage: apiError?.message ??
            (unreadable || raw.text.trim() ? `unexpected body: ${excerpt(raw.text)}` : ok ? undefined : 'empty body'),
        requestId,
        // A body that is not JSON on a success status is a gateway talking, not the API: try again later.
        transient: isTransientStatus(raw.status) || (ok && unreadable)
    });
}
/** Where a redirect points, for the message: origin and path only (a query may hold anything). */
function redirectTarget(raw) {
    const location = header(raw, 'location');
    if (!location)
        return '';
    try {
        const target = new URL(location, 'http://unknown.invalid');
        return target.origin === 'http://unknown.invalid'
            ? ` to ${excerpt(target.pathname, 200)}`
            : ` to ${excerpt(`${target.origin}${target.pathname}`, 200)}`;
    }
    catch {
        return ` to '${excerpt(location, 200)}'`;
    }
}
function header(raw, name) {
    const value = raw.headers[name];
    return Array.isArray(value) ? value[0] : value;
}
/** `{"error":{"code","message"}}`, `{"error":"…","error_description":"…"}` or `{"code","message"}`. */
function readApiError(body) {
    if (!body || typeof body !== 'object')
        return undefined;
    const record = body;
    const inner = record.error;
    if (inner && typeof inner === 'object') {
        const e = inner;
        // Product Ingestion puts the useful words in nested `details`.
        return { code: stringOrUndefined(e.code), message: withDetails(stringOrUndefined(e.message), e.details) };
    }
    if (typeof inner === 'string')
        return { code: inner, message: stringOrUndefined(record.error_description) };
    if (typeof record.code === 'string' || typeof record.message === 'string') {
        return { code: stringOrUndefined(record.code), message: stringOrUndefined(record.message) };
    }
    return undefined;
}
function stringOrUndefined(value) {
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
/** A short, single-line look at a body, for messages about bodies we could not read. */
function excerpt(text, max = 120) {
    const oneLine = text.replace(/\s+/g, ' ').trim();
    if (!oneLine)
        return '(empty)';
    return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

;// CONCATENATED MODULE: ./src/auth/token-provider.ts
/** Latest time a Date can hold (±100 000 000 days from 1970); past it, `toISOString` throws. */
const MAX_DATE_MS = 8.64e15;
/**
 * The `exp` of a JWT-shaped token in ms since the epoch, or undefined for opaque tokens and for an
 * `exp` that is not a time (not a number, not finite, out of a Date's range): a malformed claim is
 * ignored, never fatal.
 */
function jwtExpiry(token) {
    const exp = jwtClaims(token)?.exp;
    if (typeof exp !== 'number' || !Number.isFinite(exp))
        return undefined;
    const ms = exp * 1000;
    return Math.abs(ms) <= MAX_DATE_MS ? ms : undefined;
}
/** The payload of a JWT without checking its signature (we only read our own or GitHub's claims). */
function jwtClaims(token) {
    const parts = token.split('.');
    if (parts.length !== 3)
        return undefined;
    try {
        const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
        return payload && typeof payload === 'object' ? payload : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/auth/entra-token.ts




/** Renew this long before expiry, but never more than a tenth of the token's life. */
const RENEW_AHEAD_MS = 5 * 60_000;
/** How long one token acquisition (with its retries) may take. */
const TOKEN_BUDGET_MS = 60_000;
class EntraTokenProvider {
    options;
    renewable = true;
    description;
    cached;
    lastAssertionSubject;
    constructor(options) {
        this.options = options;
        this.description =
            options.credential.kind === 'secret'
                ? `client credentials for app ${options.clientId}`
                : `GitHub OIDC federation for app ${options.clientId}`;
    }
    get tokenUrl() {
        return `${this.options.authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(this.options.tenantId)}/oauth2/v2.0/token`;
    }
    async getToken(signal, deadline) {
        const { clock } = this.options;
        if (this.cached && clock.now() < this.cached.renewAt)
            return this.cached.token;
        return this.acquire(signal, Math.min(clock.now() + TOKEN_BUDGET_MS, deadline ?? Infinity));
    }
    invalidate() {
        this.cached = undefined;
    }
    async acquire(signal, deadline) {
        const options = this.options;
        const { clock, log, credential } = options;
        const form = new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: options.clientId,
            scope: options.scope
        });
        if (credential.kind === 'secret') {
            form.set('client_secret', credential.clientSecret);
        }
        else {
            const assertion = await credential.getAssertion(signal, deadline);
            this.lastAssertionSubject = String(jwtClaims(assertion)?.sub ?? '');
            form.set('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
            form.set('client_assertion', assertion);
        }
        const started = clock.now();
        const url = this.tokenUrl;
        log.debug(`requesting an Entra token for ${options.scope} from ${url}`);
        const raw = await sendWithRetries({ clock, deadline, signal, log, label: 'Entra token request' }, (timeoutMs) => sendRequest({
            method: 'POST',
            url,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: form.toString(),
            timeoutMs,
            signal
        })).catch((err) => {
            throw new AuthError(`Could not reach the Entra token endpoint ${url}: ${err.message}`, 0, undefined, true);
        });
        let body = {};
        try {
            body = JSON.parse(raw.text);
        }
        catch {
            // Reported below with an excerpt.
        }
        const token = typeof body.access_token === 'string' ? body.access_token : undefined;
        if (raw.status !== 200 || !token) {
            throw this.entraError(raw.status, body, raw.text);
        }
        options.mask(token);
        // `expires_in` is a number (v2) or a numeric string (v1); anything else means the usual hour.
        const expiresIn = Number(body.expires_in ?? 3599);
        const lifetimeMs = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : 3_599_000;
        const ahead = Math.min(RENEW_AHEAD_MS, lifetimeMs / 10);
        this.cached = { token, renewAt: started + lifetimeMs - ahead };
        log.debug(`got an Entra token valid for ${Math.round(lifetimeMs / 1000)}s`);
        return token;
    }
    entraError(status, body, text) {
        const error = typeof body.error === 'string' ? body.error : undefined;
        const description = typeof body.error_description === 'string' ? firstLine(body.error_description) : undefined;
        const aadsts = /AADSTS(\d+)/.exec(description ?? '')?.[1];
        const what = error ? `${error}: ${description ?? '(no description)'}` : `unexpected answer: ${excerpt(text)}`;
        const hint = entraHint(aadsts, this.options, this.lastAssertionSubject);
        return new AuthError(`Entra refused the token request for app ${this.options.clientId} in tenant ${this.options.tenantId} ` +
            `(HTTP ${status}) ${hint ? `${clause(what)}. ${hint}.` : what}`, status, aadsts ? `AADSTS${aadsts}` : error, isTransientStatus(status));
    }
}
/** Entra descriptions run on with trace and correlation IDs over several lines; the first says it. */
function firstLine(text) {
    return text.split(/\r?\n/)[0].trim();
}
function entraHint(code, options, subject) {
    switch (code) {
        case '7000215':
            return "The 'client-secret' is wrong or expired: create a new secret in the app registration and store its Value (not its Secret ID) in the repository or environment secret";
        case '7000222':
            return "The 'client-secret' has expired: create a new one in the app registration and update the secret";
        case '700016':
            return `No app with client ID ${options.clientId} exists in tenant ${options.tenantId}: check 'client-id' (the app registration's Application (client) ID) and 'tenant-id'`;
        case '90002':
        case '900023':
            return `Tenant ${options.tenantId} was not found: check 'tenant-id' (the Directory (tenant) ID, or a domain such as contoso.onmicrosoft.com)`;
        case '70021':
            return (`No federated credential of the app matches the subject GitHub sent${subject ? ` ('${subject}')` : ''}. ` +
                "Add a federated credential with issuer https://token.actions.githubusercontent.com, audience api://AzureADTokenExchange and that subject; for a job that uses an environment it has the form 'repo:OWNER/REPO:environment:NAME'");
        case '700212':
        case '700213':
        case '700211':
            return 'The federated credential does not accept the GitHub token: its issuer must be https://token.actions.githubusercontent.com and its audience api://AzureADTokenExchange';
        case '70011':
            return `The scope ${options.scope} was refused; check 'authority-host' points at the right cloud`;
        default:
            return '';
    }
}

;// CONCATENATED MODULE: ./src/auth/github-oidc.ts




/** The audience Entra expects in a GitHub token used as a federated credential. */
const AZURE_AD_AUDIENCE = 'api://AzureADTokenExchange';
/** Fails early, with the fix, when the job cannot ask GitHub for an OIDC token. */
function checkOidcAvailable(env = process.env) {
    if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
        throw new AuthError("GitHub OIDC is not available to this job, so no token can be requested with 'tenant-id' and 'client-id' alone. " +
            'Give the job `permissions: id-token: write` (and `contents: read`), or set `client-secret`. ' +
            'Workflows triggered from forks never get an OIDC token.');
    }
}
function gitHubAssertionSource(clock, log, env = process.env) {
    return async (signal, deadline) => {
        checkOidcAvailable(env);
        const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
        // The runner masks it; our own lines replace it too, should a service ever echo it.
        registerSecret(requestToken);
        const base = env.ACTIONS_ID_TOKEN_REQUEST_URL;
        let url;
        try {
            // As @actions/core builds it: the runner's URL already carries `?api-version=…`.
            url = new URL(`${base}${base.includes('?') ? '&' : '?'}audience=${encodeURIComponent(AZURE_AD_AUDIENCE)}`);
        }
        catch {
            throw new AuthError('ACTIONS_ID_TOKEN_REQUEST_URL is not a URL, so no GitHub OIDC token can be requested.');
        }
        const service = `GitHub's OIDC token service (${url.origin})`;
        log.debug(`requesting a GitHub OIDC token for ${AZURE_AD_AUDIENCE} from ${url.origin}${url.pathname}`);
        const raw = await sendWithRetries({ clock, deadline, signal, log, label: 'GitHub OIDC token request' }, (timeoutMs) => sendRequest({
            method: 'GET',
            url: url.href,
            headers: { authorization: `Bearer ${requestToken}` },
            timeoutMs,
            signal
        })).catch((err) => {
            throw new AuthError(`${service} did not answer: ${err.message}`, 0, undefined, true);
        });
        if (raw.status >= 300 && raw.status < 400) {
            throw new AuthError(`${service} answered ${raw.status}, a redirect; it is not followed, so the runner's request token ` +
                `is only ever sent to ${url.origin}. No OIDC token was issued.`, raw.status);
        }
        let body;
        try {
            body = JSON.parse(raw.text);
        }
        catch {
            // Reported below with an excerpt.
        }
        const value = body?.value;
        if (raw.status === 200 && typeof value === 'string' && value) {
            setSecret(value);
            return value;
        }
        const said = readApiError(body)?.message ?? excerpt(raw.text);
        if (raw.status === 401 || raw.status === 403) {
            throw new AuthError(`${service} refused the token request (HTTP ${raw.status}): ${said}. ` +
                'Check that the job has `permissions: id-token: write`.', raw.status);
        }
        throw new AuthError(`${service} did not issue a token (HTTP ${raw.status}): ${raw.status === 200 ? 'no token in the answer' : said}.`, raw.status, undefined, 
        // An outage or a gateway talking: a wait in progress polls on through it.
        raw.status === 200 || isTransientStatus(raw.status));
    };
}

;// CONCATENATED MODULE: ./src/auth/static-token.ts
/** The `token` input: used as given, never renewed. */
class StaticTokenProvider {
    token;
    renewable = false;
    description = "the 'token' input";
    constructor(token) {
        this.token = token;
    }
    async getToken() {
        return this.token;
    }
    invalidate() {
        // Nothing to renew it with; a 401 is reported as an expired token by the caller.
    }
}

;// CONCATENATED MODULE: ./src/auth/index.ts





function createTokenProvider(auth, api, clock, log) {
    switch (auth.kind) {
        case 'token':
            return new StaticTokenProvider(auth.token);
        case 'client-secret':
        case 'oidc':
            if (auth.kind === 'oidc')
                checkOidcAvailable();
            return new EntraTokenProvider({
                authorityHost: auth.authorityHost,
                tenantId: auth.tenantId,
                clientId: auth.clientId,
                scope: TOKEN_SCOPE[api],
                credential: auth.kind === 'client-secret'
                    ? { kind: 'secret', clientSecret: auth.clientSecret }
                    : { kind: 'assertion', getAssertion: gitHubAssertionSource(clock, log) },
                clock,
                log,
                mask: setSecret
            });
    }
}

;// CONCATENATED MODULE: ./src/backends/in-flight.ts

/**
 * Words and codes services use for "an operation is already running" (`OperationInProgress`,
 * "pending operation", "already running", "a submission is already in progress").
 */
const IN_PROGRESS = /in ?progress|already (running|started|in flight|exists)|currently running|another operation|pending operation|conflict/i;
/**
 * The start was refused because one already runs: 409, or a 400 that says so. Both APIs allow one
 * operation at a time, and the answer to it is to join, never to start twice.
 */
function isInFlight(error) {
    if (!(error instanceof ApiError))
        return false;
    if (error.status === 409)
        return true;
    return error.status === 400 && IN_PROGRESS.test(`${error.details.code ?? ''} ${error.details.apiMessage ?? ''}`);
}

;// CONCATENATED MODULE: ./src/backends/cpp-status.ts
/**
 * Every spelling of a CPP operation status the sources use (see the API notes); keys are
 * normalised (lower case, no spaces). `inProgress` is a step spelling seen on operations too.
 */
const CPP_OPERATION_STATUS = {
    notstarted: 'notStarted',
    running: 'running',
    inprogress: 'running',
    complete: 'succeeded',
    completed: 'succeeded',
    succeeded: 'succeeded',
    failed: 'failed',
    canceled: 'canceled',
    cancelled: 'canceled'
};
/** The offer (or sign-off step) status that says the preview waits for the publisher to sign off. */
const CPP_READY_STATUS = 'waitingforpublisherreview';
/** Step `id` or `stepName` of the sign-off step, normalised. */
const CPP_SIGNOFF_STEP = new Set(['publishersignoff']);

;// CONCATENATED MODULE: ./src/backends/cpp-backend.ts
/**
 * Cloud Partner Portal API: Go Live, the operation document, cancel, submissions (to join a go-live
 * in flight) and offer status (readiness). Every wire variant in the API notes is accepted.
 */







class CppBackend {
    api;
    offer;
    log;
    target;
    constructor(api, offer, log) {
        this.api = api;
        this.offer = offer;
        this.log = log;
        this.target = `offer ${offer.publisherId}/${offer.offerId}`;
    }
    offerUrl(action) {
        const { publisherId, offerId, apiVersion } = this.offer;
        return (`${this.api.baseUrl}/api/publishers/${encodeURIComponent(publisherId)}/offers/${encodeURIComponent(offerId)}` +
            `/${action}?api-version=${encodeURIComponent(apiVersion)}`);
    }
    async start(context) {
        let response;
        try {
            response = await this.api.request({
                method: 'POST',
                url: this.offerUrl('golive'),
                label: 'Go Live',
                // Accepted is accepted: a gateway's text body on the 202 must not hide a started go-live.
                bodyOptional: true,
                ...context
            });
        }
        catch (err) {
            if (isInFlight(err)) {
                this.log.info(`Go Live answered ${err.status}: an operation is already running on ${this.target}; looking for it`);
                return this.join(context, err);
            }
            throw err;
        }
        const location = operationHeader(response);
        if (!location) {
            // The go-live started but the answer did not say where: find it the way a re-run would.
            this.log.info(`Go Live answered ${response.status} without naming the operation; looking for it`);
            return this.join(context, new ProtocolError(`Go Live answered ${response.status} but named no operation`));
        }
        let operation;
        try {
            operation = this.resume(location);
        }
        catch (err) {
            if (!(err instanceof ProtocolError))
                throw err;
            const problem = `Go Live was accepted (HTTP ${response.status}), but ${err.message}`;
            const advice = "The go-live may be running: re-run the action to join it (a re-run finds it among the offer's submissions)";
            // Refused, not followed: a location on another origin is never joined behind the user's back.
            if (err instanceof OffOriginError)
                throw new ProtocolError(`${problem}. ${advice}`);
            // A location that cannot be read: find the go-live as a re-run would.
            this.log.warning(`${problem}; looking for the go-live among the offer's submissions`);
            return this.join(context, new ProtocolError(problem)).catch((joinError) => {
                const found = joinError instanceof ProtocolError
                    ? joinError.message
                    : `${problem}; the submissions list could not be read: ${joinError.message}`;
                throw new ProtocolError(`${found}. ${advice}`);
            });
        }
        return {
            operation,
            note: `Go Live accepted (HTTP ${response.status})`,
            retryAfterMs: response.retryAfterMs
        };
    }
    /** Finds the go-live running on the offer (in the submissions list) and follows it. */
    async join(context, reason) {
        const response = await this.api.request({
            method: 'GET',
            url: this.offerUrl('submissions'),
            label: 'List submissions',
            ...context
        });
        const running = asArray(response.body)
            .filter((s) => normaliseStatus(str(s.submissionState) ?? str(s.status) ?? '') === 'running')
            .filter((s) => normaliseStatus(str(s.submissionType) ?? 'golive') === 'golive' || str(s.slot) === 'production')
            .sort((a, b) => (str(b.changedTime) ?? '').localeCompare(str(a.changedTime) ?? ''));
        const goLive = running.find((s) => (str(s.slot) ?? 'production').toLowerCase() === 'production') ?? running[0];
        const id = goLive && str(goLive.id);
        if (!id) {
            const nothing = "(and no running go-live was found among the offer's submissions)";
            if (reason instanceof ApiError) {
                throw new ApiError({
                    ...reason.details,
                    apiMessage: `${reason.details.apiMessage ?? 'an operation is in progress'} ${nothing}`
                });
            }
            throw new ProtocolError(`${reason.message} ${nothing}`);
        }
        const { publisherId, offerId, apiVersion } = this.offer;
        const location = `/api/publishers/${encodeURIComponent(publisherId)}/offers/${encodeURIComponent(offerId)}` +
            `/operations/${encodeURIComponent(id)}?api-version=${encodeURIComponent(apiVersion)}`;
        return {
            operation: this.resume(location),
            note: `Joined the go-live already running on ${this.target} (submission ${id}) instead of starting a second one`
        };
    }
    resume(location) {
        const url = new URL(this.api.resolve(location));
        // The legacy absolute Operation-Location comes without api-version; every call needs it.
        if (!url.searchParams.has('api-version'))
            url.searchParams.set('api-version', this.offer.apiVersion);
        return { location: url.href, id: lastPathSegment(url.href) };
    }
    async poll(operation, context) {
        const response = await this.api.request({
            method: 'GET',
            url: operation.location,
            label: 'GET operation',
            ...context
        });
        return this.snapshot(operation.location, response);
    }
    snapshot(url, response) {
        // One doc page wraps the operation in an array; clients take the first element.
        const document = Array.isArray(response.body) ? response.body[0] : response.body;
        if (!isRecord(document)) {
            throw new ApiError({
                method: 'GET',
                url,
                status: response.status,
                apiMessage: 'the operation document is not a JSON object',
                transient: true
            });
        }
        const rawStatus = str(document.status) ?? '';
        const status = mapStatus(CPP_OPERATION_STATUS, rawStatus, (raw) => this.log.debug(`unknown operation status '${raw}', treated as running`));
        const error = isRecord(document.error) ? document.error : undefined;
        const code = error && str(error.code);
        const message = error && str(error.message);
        return {
            status,
            rawStatus,
            document,
            steps: readSteps(document.steps),
            startedAt: apiTime(document.createdDateTime),
            error: code || message ? { code, message } : undefined,
            retryAfterMs: response.retryAfterMs
        };
    }
    async cancel(_operation, context) {
        try {
            const response = await this.api.request({
                method: 'POST',
                url: this.offerUrl('cancel'),
                label: 'Cancel',
                bodyOptional: true,
                ...context
            });
            if (response.status !== 202) {
                return { accepted: true, message: `the API cancelled the operation (HTTP ${response.status})` };
            }
            // A 202 may name the cancellation's own operation: following it shows the cancellation land.
            const location = operationHeader(response);
            let operation;
            try {
                operation = location ? this.resume(location) : undefined;
            }
            catch (err) {
                this.log.info(`The cancellation's location is not followed: ${err.message}`);
            }
            return { accepted: true, message: 'the API accepted the cancellation (HTTP 202)', operation };
        }
        catch (err) {
            return { accepted: false, message: `the cancellation did not go through: ${err.message}` };
        }
    }
    async readiness(context) {
        const response = await this.api.request({
            method: 'GET',
            url: this.offerUrl('status'),
            label: 'Offer status',
            ...context
        });
        const document = isRecord(response.body) ? response.body : {};
        const status = str(document.status) ?? '';
        const steps = readSteps(document.steps);
        const rawSteps = asArray(document.steps);
        const signOff = rawSteps.find((s) => CPP_SIGNOFF_STEP.has(normaliseStatus(str(s.id) ?? '')) ||
            CPP_SIGNOFF_STEP.has(normaliseStatus(str(s.stepName) ?? '')));
        if (normaliseStatus(status) === 'running') {
            return {
                ready: true,
                explanation: `a go-live is already running on ${this.target}: a go-live now would join it`,
                steps
            };
        }
        const ready = normaliseStatus(status) === CPP_READY_STATUS ||
            (signOff !== undefined && normaliseStatus(str(signOff.status) ?? '') === CPP_READY_STATUS);
        const explanation = ready
            ? `${this.target} has a preview waiting for publisher sign-off: it is ready to go live`
            : `${this.target} is not waiting for publisher sign-off (offer status '${status || 'unknown'}'` +
                `${signOff ? `, sign-off step '${str(signOff.status) ?? 'unknown'}'` : ''}): ` +
                'publish the offer to preview and wait until the preview is approved before going live';
        return { ready, explanation, steps };
    }
    async explainStartFailure(error, context) {
        if (!(error instanceof ApiError) || error.status !== 400)
            return undefined;
        try {
            const readiness = await this.readiness(context);
            return readiness.ready ? undefined : readiness.explanation;
        }
        catch {
            return undefined;
        }
    }
}

;// CONCATENATED MODULE: ./src/backends/product-ingestion-status.ts
/** `jobStatus` of a configure job while it has not completed. */
const JOB_STATUS = {
    notstarted: 'notStarted',
    running: 'running',
    inprogress: 'running'
};
/** `jobResult` once `jobStatus` is `completed`, and a submission's `result` once it completes. */
const COMPLETED_RESULT = {
    succeeded: 'succeeded',
    failed: 'failed',
    cancelled: 'canceled',
    canceled: 'canceled',
    // Completed yet still pending should not happen; keep following rather than guess an ending.
    pending: 'running'
};
/** A submission's `status`; `completed` is resolved through COMPLETED_RESULT. */
const SUBMISSION_STATUS = {
    notstarted: 'notStarted',
    running: 'running',
    inprogress: 'running'
};
const COMPLETED = 'completed';

;// CONCATENATED MODULE: ./src/backends/product-ingestion/jobs.ts
/**
 * The configure job: how its answer names it (`jobId`, or `jobID` as Learn's samples spell it),
 * its status, its errors (nested `details` flattened: the inner ones say what went wrong) and the
 * submission it pushed.
 */





const SCHEMA_HOST = 'https://schema.mp.microsoft.com/schema';
/**
 * `POST /configure` body pushing one submission to the live target. The envelope's schema follows
 * `$version` (as clients on 2022-07-01 send it); the submission resource schema is preview2 in every
 * version, since no other is published.
 */
function configureBody(apiVersion, productId, submissionId) {
    return {
        $schema: `${SCHEMA_HOST}/configure/${apiVersion}`,
        resources: [
            {
                $schema: `${SCHEMA_HOST}/submission/2022-03-01-preview2`,
                id: submissionId,
                product: `product/${productId}`,
                target: { targetType: 'live' }
            }
        ]
    };
}
function jobIdOf(job) {
    return str(job.jobId) ?? str(job.jobID) ?? str(job.JobId);
}
function jobStatus(job, log) {
    const status = str(job.jobStatus) ?? '';
    return normaliseStatus(status) === COMPLETED
        ? mapStatus(COMPLETED_RESULT, job.jobResult, (raw) => log.debug(`unknown jobResult '${raw}'`))
        : mapStatus(JOB_STATUS, status, (raw) => log.debug(`unknown jobStatus '${raw}'`));
}
/** The job's errors as one sentence, every nested detail included. */
function jobError(job) {
    const errors = asArray(job.errors);
    const message = describeErrors(errors);
    if (!message)
        return { message: `the configure job ended with result '${str(job.jobResult) ?? 'unknown'}'` };
    return { message };
}
function jobStep(jobId, job) {
    const errors = job ? describeErrors(job.errors) : '';
    return {
        name: `Configure job ${jobId}`,
        status: (job && [str(job.jobStatus), str(job.jobResult)].filter(Boolean).join(' / ')) || 'unknown',
        message: errors || undefined
    };
}
/** The bare ID of the submission of `productId` that a job (`GET /configure/{jobId}`) pushed. */
function pushedSubmission(job, productId) {
    const resources = isRecord(job) ? asArray(job.resources) : [];
    const submissions = resources
        .map((r) => str(r.id) ?? '')
        .map((id) => /^submission\/([^/]+)\/([^/]+)$/.exec(id))
        .filter((m) => m !== null);
    const ours = submissions.find((m) => m[1].toLowerCase() === productId.toLowerCase());
    if (ours)
        return { bareId: bareSubmissionId(ours[0]) };
    return { otherProduct: submissions[0]?.[1] };
}

;// CONCATENATED MODULE: ./src/backends/product-ingestion/submissions.ts
/**
 * A product's submissions: reading the (paged) list, and telling its entries apart. A submission
 * keeps its ID when it goes live, so the list can hold `X` twice, as a `preview` and as a `live`
 * entry: an entry is identified by ID and target together, never by ID alone.
 */






/** A list longer than this many pages is not a list of one product's submissions. */
const submissions_MAX_PAGES = 50;
/** Every entry of the product's list, following `@nextLink` (held to the API origin) to the end. */
async function listSubmissions(api, locations, context, log) {
    const entries = [];
    const seen = new Set();
    let url = locations.request(locations.listPath);
    for (let page = 1; url && page <= submissions_MAX_PAGES; page++) {
        seen.add(url);
        const response = await api.request({ method: 'GET', url, label: 'List submissions', ...context });
        if (!isRecord(response.body) && !Array.isArray(response.body)) {
            throw new ApiError({
                method: 'GET',
                url,
                status: response.status,
                apiMessage: 'the submission list is not a JSON object',
                transient: true
            });
        }
        const list = isRecord(response.body) ? response.body.value : response.body;
        entries.push(...asArray(list).map(readSubmission));
        const next = isRecord(response.body) ? str(response.body['@nextLink']) : undefined;
        url = next ? withVersion(resolveNextLink(api.baseUrl, url, next), locations) : undefined;
        if (url && seen.has(url)) {
            log.debug(`@nextLink repeats ${url}; the list ends here`);
            url = undefined;
        }
        if (url && page === submissions_MAX_PAGES)
            log.warning(`The submission list has more than ${submissions_MAX_PAGES} pages; read the first ${submissions_MAX_PAGES}`);
    }
    return entries;
}
/** A next link without `$version` gets ours: every call carries it. */
function withVersion(url, locations) {
    if (new URL(url).searchParams.has('$version'))
        return url;
    return `${url}${url.includes('?') ? '&' : '?'}${locations.versionQuery}`;
}
function readSubmission(s) {
    const id = str(s.id) ?? '';
    return {
        id,
        bareId: bareSubmissionId(id),
        targetType: normaliseStatus(isRecord(s.target) ? (str(s.target.targetType) ?? '') : ''),
        status: str(s.status) ?? '',
        result: str(s.result) ?? '',
        created: str(s.created) ?? '',
        document: s
    };
}
/** The `live` entry of submission `bareId`, if the list has one. */
function liveEntry(submissions, bareId) {
    return submissions.find((s) => s.targetType === 'live' && s.bareId === bareId);
}
function runningLive(submissions) {
    return newest(submissions.filter((s) => s.targetType === 'live' && isUnfinished(s)));
}
function newestSucceededPreview(submissions) {
    return newest(submissions.filter((s) => s.targetType === 'preview' && isSucceeded(s)));
}
/** The newest live entry created at or after `since` (a go-live someone else started). */
function liveSince(submissions, since) {
    const bound = Date.parse(since ?? '');
    if (Number.isNaN(bound))
        return undefined;
    return newest(submissions.filter((s) => s.targetType === 'live' && Date.parse(s.created) >= bound));
}
function isSucceeded(s) {
    return normaliseStatus(s.status) === COMPLETED && normaliseStatus(s.result) === 'succeeded';
}
function isUnfinished(s) {
    const status = normaliseStatus(s.status);
    return status === 'running' || status === 'notstarted' || status === 'inprogress';
}
/** `status`, and `result` once completed, in the wait loop's terms. */
function submissionStatus(s, log) {
    return normaliseStatus(s.status) === COMPLETED
        ? mapStatus(COMPLETED_RESULT, s.result, (raw) => log.debug(`unknown submission result '${raw}'`))
        : mapStatus(SUBMISSION_STATUS, s.status, (raw) => log.debug(`unknown submission status '${raw}'`));
}
/** The table row of the live entry of `bareId` (or of the one awaited). */
function liveStep(bareId, entry, waiting) {
    return {
        name: bareId ? `Live submission ${bareId}` : 'Live submission',
        status: entry?.status ? [entry.status, entry.result].filter(Boolean).join(' / ') : 'not listed yet',
        estimate: 'hours to days',
        message: entry ? undefined : waiting
    };
}
/** The newest few entries, for a dry run's table. */
function overviewSteps(submissions) {
    return submissions
        .filter((s) => s.created)
        .sort(byCreatedDescending)
        .slice(0, 5)
        .map((s) => ({
        name: `${s.targetType} submission ${s.bareId}`,
        status: [s.status, s.result].filter(Boolean).join(' / '),
        message: `created ${s.created}`
    }));
}
function byCreatedDescending(a, b) {
    return (Date.parse(b.created) || 0) - (Date.parse(a.created) || 0);
}
function newest(submissions) {
    return submissions.slice().sort(byCreatedDescending)[0];
}

;// CONCATENATED MODULE: ./src/backends/product-ingestion/poll.ts
/**
 * One poll of a Product Ingestion operation, whatever its location says is followed: the configure
 * job (handing over to the live entry of the submission it pushed once it succeeds), the live entry
 * of a submission, or the live submission someone else's request creates.
 */





class Poller {
    api;
    locations;
    log;
    constructor(api, locations, log) {
        this.api = api;
        this.locations = locations;
        this.log = log;
    }
    list(context) {
        return listSubmissions(this.api, this.locations, context, this.log);
    }
    follow(followed) {
        return this.locations.reference(followed);
    }
    async poll(followed, context) {
        if (followed.kind === 'job')
            return this.pollJob(followed, context);
        const submissions = await this.list(context);
        if (followed.kind === 'live')
            return this.liveSnapshot(followed.submissionId, liveEntry(submissions, followed.submissionId));
        const entry = runningLive(submissions) ?? liveSince(submissions, followed.since);
        if (!entry) {
            return {
                status: 'running',
                rawStatus: '',
                document: undefined,
                steps: [liveStep(undefined, undefined, 'waiting for the live submission that request creates')]
            };
        }
        return this.handOver(entry.bareId, entry, [], `Following the live entry of submission ${entry.id}`);
    }
    async pollJob(job, context) {
        const url = this.locations.requestUrl(job);
        const response = await this.api.request({ method: 'GET', url, label: 'GET job status', ...context });
        if (!isRecord(response.body)) {
            throw new ApiError({
                method: 'GET',
                url,
                status: response.status,
                apiMessage: 'the job status is not a JSON object',
                transient: true
            });
        }
        const document = response.body;
        const status = jobStatus(document, this.log);
        const jobRow = jobStep(job.jobId, document);
        if (status !== 'succeeded') {
            return {
                status,
                rawStatus: str(document.jobStatus) ?? '',
                document,
                steps: [jobRow, liveStep(job.live, undefined, 'created once the configure job succeeds')],
                startedAt: apiTime(document.jobStart),
                error: status === 'failed' || status === 'canceled' ? jobError(document) : undefined,
                retryAfterMs: response.retryAfterMs
            };
        }
        // The job only accepted the submission; the go-live is the live entry of what it pushed.
        const pushed = job.live ?? (await this.pushedBy(job.jobId, context));
        const submissions = await this.list(context);
        const handed = `Configure job ${job.jobId} succeeded`;
        if (!pushed) {
            const since = str(document.jobStart) ?? new Date().toISOString();
            const entry = runningLive(submissions) ?? liveSince(submissions, since);
            if (entry)
                return this.handOver(entry.bareId, entry, [jobRow], `${handed}; following the live entry of ${entry.id}`);
            const operation = this.follow({ kind: 'next-live', since });
            return {
                status: 'running',
                rawStatus: str(document.jobStatus) ?? '',
                document,
                steps: [jobRow, liveStep(undefined, undefined, 'waiting for the live submission the job created')],
                handover: operation,
                phase: `${handed}; waiting for the live submission it created (operation-location is now ${operation.location})`
            };
        }
        return this.handOver(pushed, liveEntry(submissions, pushed), [jobRow], `${handed}; following the live entry of submission ${pushed}`);
    }
    /** From now on the live entry of `bareId` is followed: its location replaces the current one. */
    handOver(bareId, entry, before, phase) {
        const handover = this.follow({ kind: 'live', submissionId: bareId });
        return {
            ...this.liveSnapshot(bareId, entry, before),
            handover,
            phase: `${phase} (operation-location is now ${handover.location})`
        };
    }
    /** The bare ID of the submission a job pushed, read from the job itself (`GET /configure/{jobId}`). */
    async pushedBy(jobId, context) {
        let body;
        try {
            body = (await this.api.request({
                method: 'GET',
                url: this.locations.request(`/configure/${encodeURIComponent(jobId)}`),
                label: 'GET job',
                ...context
            })).body;
        }
        catch (err) {
            if (err instanceof ApiError && !err.transient)
                return undefined;
            throw err;
        }
        const pushed = pushedSubmission(body, this.locations.productId);
        if (pushed.otherProduct) {
            throw new ProtocolError(`configure job ${jobId} pushed a submission of product ${pushed.otherProduct}, not of product ${this.locations.productId}`);
        }
        return pushed.bareId;
    }
    liveSnapshot(bareId, entry, before = []) {
        if (!entry) {
            return {
                status: 'running',
                rawStatus: '',
                document: undefined,
                steps: [...before, liveStep(bareId, undefined, `the live entry of submission ${bareId} is not listed yet`)]
            };
        }
        const status = submissionStatus(entry, this.log);
        return {
            status,
            rawStatus: entry.status,
            document: entry.document,
            steps: [...before, liveStep(bareId, entry)],
            startedAt: apiTime(entry.created),
            error: status === 'failed' || status === 'canceled'
                ? { code: 'submissionFailed', message: `live submission ${entry.id} completed with result '${entry.result}'` }
                : undefined
        };
    }
}

;// CONCATENATED MODULE: ./src/backends/product-ingestion/backend.ts
/**
 * Product Ingestion API: go live by pushing the newest succeeded preview submission X to the live
 * target (`POST /configure`), follow the configure job, then the `live` entry of X until it ends.
 * A live submission already running is joined, never duplicated; a preview that is already the
 * live submission is reported live with nothing pushed. What is followed is in the location
 * itself (locations.ts): no state is kept between calls.
 */







class ProductIngestionBackend {
    api;
    product;
    log;
    target;
    locations;
    poller;
    constructor(api, product, log) {
        this.api = api;
        this.product = product;
        this.log = log;
        this.target = `product ${product.productId}`;
        this.locations = new Locations(api.baseUrl, product.productId, product.apiVersion);
        this.poller = new Poller(api, this.locations, log);
    }
    list(context) {
        return listSubmissions(this.api, this.locations, context, this.log);
    }
    follow(followed) {
        return this.locations.reference(followed);
    }
    async start(context) {
        const submissions = await this.list(context);
        const running = runningLive(submissions);
        if (running)
            return this.join(running);
        const preview = newestSucceededPreview(submissions);
        if (!preview) {
            throw new PreconditionError(`No preview submission of ${this.target} has completed successfully, so there is nothing to take live: ` +
                'publish the offer to preview first and wait until the preview submission succeeds');
        }
        const live = liveEntry(submissions, preview.bareId);
        if (live && isSucceeded(live)) {
            return {
                operation: this.follow({ kind: 'live', submissionId: preview.bareId }),
                note: `Preview submission ${preview.id} is already the live submission (${live.status} / ${live.result}): nothing was pushed`,
                settled: this.poller.liveSnapshot(preview.bareId, live)
            };
        }
        let response;
        try {
            response = await this.api.request({
                method: 'POST',
                url: this.locations.request('/configure'),
                body: configureBody(this.product.apiVersion, this.product.productId, preview.id),
                label: 'Configure',
                // Accepted is accepted: a gateway's body on the 202 must not hide a started submission.
                bodyOptional: true,
                ...context
            });
        }
        catch (err) {
            // One submission at a time: this is a re-run, or our first answer was lost. Join it.
            if (!isInFlight(err))
                throw err;
            return this.joinInFlight(context, err);
        }
        const jobId = jobIdOf(isRecord(response.body) ? response.body : {});
        const pushed = `Submitted preview ${preview.id} (created ${preview.created || 'unknown'}) to the live target`;
        if (!jobId) {
            return {
                operation: this.follow({ kind: 'live', submissionId: preview.bareId }),
                note: `${pushed} (HTTP ${response.status}, no job ID in the answer); following its live entry`
            };
        }
        return {
            operation: this.follow({ kind: 'job', jobId, live: preview.bareId }),
            note: `${pushed}; configure job ${jobId} accepted (HTTP ${response.status})`,
            retryAfterMs: response.retryAfterMs
        };
    }
    join(running) {
        return {
            operation: this.follow({ kind: 'live', submissionId: running.bareId }),
            note: `Joined the live submission already running (${running.id}) instead of submitting again`
        };
    }
    /** Configure said a submission is in progress: follow its live entry, now or once it appears. */
    async joinInFlight(context, conflict) {
        const running = runningLive(await this.list(context));
        if (running)
            return this.join(running);
        return {
            operation: this.follow({ kind: 'next-live', since: new Date().toISOString() }),
            note: `Configure answered ${conflict.status} (${conflict.details.apiMessage ?? 'a submission is in progress'}); ` +
                'following the live submission that submission creates instead of submitting again'
        };
    }
    resume(location) {
        const parsed = parseLocation(this.api.baseUrl, location);
        if (parsed.productId && parsed.productId.toLowerCase() !== this.product.productId.toLowerCase()) {
            throw new ProtocolError(`it names product ${parsed.productId}, but 'product-id' is ${this.product.productId}`);
        }
        return this.follow(parsed.followed);
    }
    poll(operation, context) {
        return this.poller.poll(parseLocation(this.api.baseUrl, operation.location).followed, context);
    }
    async cancel(operation, context) {
        const { followed } = parseLocation(this.api.baseUrl, operation.location);
        if (followed.kind === 'next-live') {
            return {
                accepted: false,
                message: 'the configure job of this submission is not known to this run (another run submitted it), so it cannot ' +
                    'be cancelled through the API; cancel it in Partner Center'
            };
        }
        if (followed.kind === 'live') {
            return {
                accepted: false,
                message: 'the configure job has finished and the live submission can no longer be cancelled through the API; ' +
                    'it keeps running in Partner Center'
            };
        }
        try {
            const response = await this.api.request({
                method: 'POST',
                url: this.locations.request(`/configure/${encodeURIComponent(followed.jobId)}/cancel`),
                label: 'Cancel job',
                bodyOptional: true,
                ...context
            });
            return { accepted: true, message: `the API cancelled configure job ${followed.jobId} (HTTP ${response.status})` };
        }
        catch (err) {
            return { accepted: false, message: `the cancellation did not go through: ${err.message}` };
        }
    }
    async readiness(context) {
        const submissions = await this.list(context);
        const steps = overviewSteps(submissions);
        const running = runningLive(submissions);
        if (running) {
            return {
                ready: true,
                explanation: `a live submission (${running.id}) is already running for ${this.target}: a go-live now would join it`,
                steps
            };
        }
        const preview = newestSucceededPreview(submissions);
        if (!preview) {
            return {
                ready: false,
                explanation: `${this.target} has no succeeded preview submission: publish the offer to preview first`,
                steps
            };
        }
        const live = liveEntry(submissions, preview.bareId);
        if (live && isSucceeded(live)) {
            return {
                ready: true,
                explanation: `preview ${preview.id} of ${this.target} is already live: a go-live now would push nothing and report it live`,
                steps
            };
        }
        return { ready: true, explanation: `preview ${preview.id} of ${this.target} is ready to go live`, steps };
    }
}

;// CONCATENATED MODULE: ./src/backends/index.ts


function createBackend(settings, api, log) {
    return settings.api === 'cpp' ? new CppBackend(api, settings, log) : new ProductIngestionBackend(api, settings, log);
}
const API_NAME = {
    cpp: 'Cloud Partner Portal API',
    'product-ingestion': 'Product Ingestion API'
};

;// CONCATENATED MODULE: ./src/clock.ts
/** setTimeout's limit (about 24.8 days); longer delays fire at once, so they are slept in parts. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const systemClock = {
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise((resolve) => {
        if (signal?.aborted || ms <= 0)
            return resolve();
        const until = Date.now() + ms;
        let timer;
        const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        };
        const arm = () => {
            const left = until - Date.now();
            if (left <= 0)
                return done();
            timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
        };
        signal?.addEventListener('abort', done, { once: true });
        arm();
    })
};

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: ./src/report.ts
/**
 * What the step shows: log lines (API text fenced so it can never run as a workflow command),
 * outputs, the job summary and the step status. Each is written on its own and bounded: a failure
 * of one is reported and never stops the others, and nothing here throws.
 */





/** @actions/core is loaded on first use, after the first request (see workflow-commands.ts). */
const loadCore = () => Promise.all(/* import() */[__nccwpck_require__.e(119), __nccwpck_require__.e(942), __nccwpck_require__.e(143)]).then(__nccwpck_require__.bind(__nccwpck_require__, 143));
const runnerLogger = { debug: debug, info: info, warning: warning };
/** Steps shown per log update and in the summary; an operation has four. */
const MAX_STEPS_SHOWN = 100;
/**
 * Logs lines that contain API text. The runner reads `::cmd::` at a line start and `##[cmd]`
 * anywhere in a line; `::stop-commands::<token>` turns both off until `::<token>::`, and the token
 * is random so the text cannot guess it to turn them back on.
 */
function logUntrusted(lines) {
    if (lines.length === 0)
        return;
    const token = globalThis.crypto.randomUUID().replace(/-/g, '');
    info(`::stop-commands::${token}`);
    // Line breaks in API text stay line breaks, all inside the fence; info() keeps each part one line.
    for (const line of lines)
        for (const part of stripControl(line).split('\n'))
            infoInsideFence(part);
    info(`::${token}::`);
}
/** One line per step, for the log; every field bounded. */
function describeStep(step) {
    const progress = step.progress !== undefined ? ` ${formatProgress(step.progress)}` : '';
    const message = step.message ? ` - ${truncate(step.message, 300)}` : '';
    return `${truncate(step.name, 200)}: ${truncate(step.status, 100) || 'unknown'}${progress}${message}`;
}
/** `40%` for a sensible percentage; anything else from the API shown as text, short. */
function formatProgress(progress) {
    return Number.isFinite(progress) && progress >= 0 && progress <= 100
        ? `${Math.round(progress)}%`
        : truncate(String(progress), 20);
}
/** Remembers what was logged so each poll prints only what changed (not one line per poll). */
class ProgressLog {
    startedAt;
    lastStatus;
    lastSteps = new Map();
    constructor(startedAt) {
        this.startedAt = startedAt;
    }
    update(snapshot, now) {
        const lines = [];
        const stamp = `[${formatDuration(now - this.startedAt)}]`;
        if (snapshot.phase)
            lines.push(`${stamp} ${snapshot.phase}`);
        if (snapshot.rawStatus !== this.lastStatus) {
            lines.push(`${stamp} operation ${truncate(snapshot.rawStatus, 100) || '(no status)'}`);
            this.lastStatus = snapshot.rawStatus;
        }
        snapshot.steps.slice(0, MAX_STEPS_SHOWN).forEach((step, index) => {
            const key = `${index}:${step.name}`;
            const text = describeStep(step);
            if (this.lastSteps.get(key) !== text) {
                this.lastSteps.set(key, text);
                lines.push(`${stamp}   ${text}`);
            }
        });
        if (snapshot.steps.length > MAX_STEPS_SHOWN && !this.lastSteps.has('more')) {
            this.lastSteps.set('more', '');
            lines.push(`${stamp}   … and ${snapshot.steps.length - MAX_STEPS_SHOWN} more steps, not shown`);
        }
        logUntrusted(lines);
    }
}
/**
 * What `operation-id` may hold: a GUID (CPP operations, Product Ingestion jobs and products), the
 * non-migrated CPP form `publisher$offer$N$preview`, or the digits of a Product Ingestion submission.
 */
const OPERATION_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\$[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\$\d{1,9}\$preview|\d{1,30})$/i;
/** Characters left as they are in `operation-location`; any other is percent-encoded. */
const URL_SAFE = /[^A-Za-z0-9\-._~:/?#[\]@$&+,;=%]/gu;
/** `%XX` for each UTF-8 byte; encodeURIComponent leaves `!'()*` as they are and throws on a lone surrogate. */
function percentEncode(char) {
    return [...Buffer.from(char.length === 1 && /[\ud800-\udfff]/.test(char) ? '\ufffd' : char, 'utf8')]
        .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
        .join('');
}
/** Longest `operation` output; the runner takes 1 MiB per output. */
const MAX_OPERATION_OUTPUT_CHARS = 512 * 1024;
/** Deepest `operation` document written as an output (the real ones are four levels deep). */
const MAX_OPERATION_OUTPUT_DEPTH = 64;
const MAX_STATUS_OUTPUT_CHARS = 1024;
/** Warnings about an output's value, said once per run (outputs are written more than once). */
const warned = new Set();
function warnOnce(message) {
    if (warned.has(message))
        return;
    warned.add(message);
    warning(message);
}
/** The outputs' values as written: everything from the API checked or bounded. */
function outputValues(outputs) {
    const values = [];
    if (outputs.result)
        values.push(['result', outputs.result]);
    if (outputs.operationLocation) {
        // Only the characters of a URL: an API-chosen location cannot smuggle quotes, spaces, `(` or backticks.
        const location = outputs.operationLocation.replace(URL_SAFE, percentEncode);
        values.push(['operation-location', location]);
    }
    if (outputs.operationId !== undefined) {
        const valid = OPERATION_ID.test(outputs.operationId);
        if (!valid) {
            warnOnce(`The operation ID '${outputs.operationId}' (the last segment of the operation's URL) is not a GUID, ` +
                "a 'publisher$offer$N$preview' name or a submission number, so the 'operation-id' output is left empty. " +
                "'operation-location' still names the operation.");
        }
        values.push(['operation-id', valid ? outputs.operationId : '']);
    }
    if (outputs.operationStatus !== undefined) {
        values.push(['operation-status', truncate(outputs.operationStatus, MAX_STATUS_OUTPUT_CHARS)]);
    }
    if (outputs.operation !== undefined) {
        const json = boundedJson(outputs.operation, MAX_OPERATION_OUTPUT_DEPTH, MAX_OPERATION_OUTPUT_CHARS);
        if (json === undefined) {
            warnOnce(`The operation document is nested deeper than ${MAX_OPERATION_OUTPUT_DEPTH} levels or is longer than ` +
                `${MAX_OPERATION_OUTPUT_CHARS / 1024} KiB, so the 'operation' output is left empty; the other outputs are written.`);
        }
        values.push(['operation', json ?? '']);
    }
    if (outputs.url)
        values.push(['url', outputs.url.replace(URL_SAFE, percentEncode)]);
    if (outputs.deploymentId !== undefined)
        values.push(['deployment-id', String(outputs.deploymentId)]);
    if (outputs.followed !== undefined) {
        values.push([
            'followed',
            boundedJson(outputs.followed, MAX_OPERATION_OUTPUT_DEPTH, MAX_OPERATION_OUTPUT_CHARS) ?? '[]'
        ]);
    }
    return values;
}
/**
 * A runner file (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY) that is there but is not a regular file (a
 * directory, a FIFO that would block the write forever) is refused before anything is written.
 */
function runnerFileProblem(variable) {
    const path = process.env[variable];
    if (!path)
        return undefined;
    try {
        if (!(0,external_node_fs_namespaceObject.statSync)(path).isFile())
            return `${variable} (${path}) is not a regular file`;
    }
    catch {
        // Missing: @actions/core says so in its own words.
    }
    return undefined;
}
/**
 * Writes every known output; called as soon as values are known and again at the end. Each output
 * is written on its own; when some cannot be, one warning says which values were lost.
 */
async function setOutputs(outputs) {
    const values = outputValues(outputs);
    if (values.length === 0)
        return;
    const lost = [];
    let reason = runnerFileProblem('GITHUB_OUTPUT');
    if (reason) {
        lost.push(...values);
    }
    else {
        try {
            const core = await loadCore();
            for (const [name, value] of values) {
                try {
                    core.setOutput(name, value);
                }
                catch (err) {
                    reason ??= err.message;
                    lost.push([name, value]);
                }
            }
        }
        catch (err) {
            reason = err.message;
            lost.push(...values);
        }
    }
    if (lost.length === 0)
        return;
    const shown = lost.map(([name, value]) => name === 'operation' ? `operation (the operation document, ${value.length} characters)` : `${name}=${value}`);
    warning(`Could not write the step outputs (${reason}). Lost: ${shown.join(', ')}.`);
}
const RESULT_ICON = {
    succeeded: '✅',
    started: '🚀',
    ready: '✅',
    'not-ready': '⛔',
    failed: '❌',
    canceled: '🛑',
    'timed-out': '⏱️',
    none: '💤',
    running: '⏳'
};
/** The runner drops a step summary over 1 MiB; ours stays well below, cut with a note when it must be. */
const MAX_SUMMARY_BYTES = 900 * 1024;
/**
 * The job summary: offer, result, elapsed time, operation and a table of its steps. Every text is
 * made one line, bounded and escaped the same way (summaryText); the whole is capped.
 */
function renderSummary(data) {
    const rows = [
        ['Target', summaryText(data.target, 300)],
        ['API', summaryText(data.api, 100)],
        ['Result', data.result ? `${RESULT_ICON[data.result]} <b>${data.result}</b>` : 'unknown'],
        ['Elapsed', formatDuration(data.elapsedMs)]
    ];
    if (data.operationStatus !== undefined)
        rows.push(['Operation status', `<code>${summaryText(data.operationStatus, 200)}</code>`]);
    if (data.operationLocation)
        rows.push(['Operation', `<code>${summaryText(data.operationLocation, 2000)}</code>`]);
    if (data.url)
        rows.push(['Page', `<a href="${summaryText(data.url, 2000)}">${summaryText(data.url, 2000)}</a>`]);
    if (data.deploymentId !== undefined)
        rows.push(['GitHub deployment', String(data.deploymentId)]);
    const lines = [
        `<h2>Marketplace go-live: ${summaryText(data.target, 300)}</h2>`,
        `<p>${summaryText(data.headline, 3000)}</p>`,
        '<table>',
        ...rows.map(([k, v]) => `<tr><th align="left">${k}</th><td>${v}</td></tr>`),
        '</table>'
    ];
    if (data.notes.length) {
        lines.push('<ul>', ...data.notes.slice(0, 20).map((n) => `<li>${summaryText(n, 1000)}</li>`), '</ul>');
    }
    if (data.steps.length) {
        lines.push('<h3>Steps</h3>', '<table>', '<tr><th>Step</th><th>Status</th><th>Progress</th><th>Estimated time</th><th>Latest message</th></tr>');
        // Room for the closing lines and the note saying what was left out.
        let size = Buffer.byteLength(lines.join('\n')) + 1024;
        let shown = 0;
        for (const s of data.steps.slice(0, MAX_STEPS_SHOWN)) {
            const row = `<tr><td>${summaryText(s.name, 200)}</td><td>${summaryText(s.status, 100)}</td>` +
                `<td>${s.progress !== undefined ? summaryText(formatProgress(s.progress), 20) : ''}</td>` +
                `<td>${summaryText(s.estimate ?? '', 100)}</td><td>${summaryText(s.message ?? '', 500)}</td></tr>`;
            size += Buffer.byteLength(row) + 1;
            if (size > MAX_SUMMARY_BYTES)
                break;
            lines.push(row);
            shown++;
        }
        lines.push('</table>');
        if (shown < data.steps.length) {
            lines.push(`<p><i>${data.steps.length - shown} of ${data.steps.length} steps are not shown: ` +
                'the runner drops a job summary over 1 MiB. The operation output and the log have the rest.</i></p>');
        }
    }
    return `${lines.join('\n')}\n`;
}
/** Writes the job summary; a failure is a warning, never an exception. */
async function writeSummary(data) {
    await writeSummaryHtml(renderSummary(data));
}
/** Writes an already rendered summary (the follow run's has its own shape). */
async function writeSummaryHtml(html) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    try {
        const problem = runnerFileProblem('GITHUB_STEP_SUMMARY');
        if (problem)
            throw new Error(problem);
        const core = await loadCore();
        await core.summary.addRaw(html).write();
    }
    catch (err) {
        warning(`Could not write the job summary: ${err.message}`);
    }
}
/**
 * Fails the step: an error annotation and exit code 1. The message goes through the safe path
 * (API text may be in it). Without @actions/core, the exit code is still set and the message logged.
 */
async function setFailed(message) {
    const text = safeText(message);
    try {
        const core = await loadCore();
        core.setFailed(text);
    }
    catch {
        process.exitCode = 1;
        info(`Error: ${safeLine(text)}`);
    }
}

;// CONCATENATED MODULE: ./src/github/go-live-deployment.ts

/** The deployment state that tells the truth about an operation in this state. */
function deploymentStateFor(status) {
    switch (status) {
        case 'succeeded':
            return 'success';
        case 'failed':
            return 'failure';
        case 'canceled':
            return 'error';
        default:
            return 'in_progress';
    }
}
class GoLiveDeploymentTracker {
    deployments;
    log;
    deployment;
    environment;
    placeholder;
    constructor(deployments, log, deployment, 
    /** The environment, for a successor. */
    environment, 
    /** True while the deployment has no operation location (a placeholder). */
    placeholder) {
        this.deployments = deployments;
        this.log = log;
        this.deployment = deployment;
        this.environment = environment;
        this.placeholder = placeholder;
    }
    /**
     * Finds the target's go-live recorded in flight, or creates the deployment of a new one.
     * `operationLocation` is the location the run resumes (input), or empty when it starts.
     */
    static async open(options) {
        const { deployments, ids, baseUrl, clock, log } = options;
        const environment = options.environment || defaultEnvironment(ids);
        const key = targetKey(ids);
        const found = await deployments.findInFlight({
            environment,
            baseUrl,
            wanted: (record) => targetKey(record) === key
        });
        for (const line of found.skipped)
            log.warning(line);
        const inFlight = found.inFlight.find((d) => d.record.operationLocation &&
            (!options.operationLocation || d.record.operationLocation === options.operationLocation));
        if (inFlight) {
            log.info(`GitHub deployment ${inFlight.id} (${environment}) records a go-live of ${describeTarget(ids)} in flight; following it`);
            return {
                tracker: new GoLiveDeploymentTracker(deployments, log, inFlight, environment, false),
                recorded: inFlight.record
            };
        }
        const record = {
            ...ids,
            operationLocation: options.operationLocation,
            startedAt: new Date(clock.now()).toISOString()
        };
        const deployment = await deployments.create(environment, record, writePayload(record), `Go live: ${describeTarget(ids)}`);
        log.info(`GitHub deployment ${deployment.id} created in environment '${environment}'`);
        return {
            tracker: new GoLiveDeploymentTracker(deployments, log, deployment, environment, !record.operationLocation)
        };
    }
    get id() {
        return this.deployment.id;
    }
    /**
     * The operation is known: a placeholder gives way to a deployment that records it. A failure here
     * costs the record, not the go-live: it is a warning, and statuses go on on the placeholder.
     */
    async attach(operationLocation) {
        if (!this.placeholder)
            return;
        const placeholder = this.deployment;
        const record = { ...placeholder.record, operationLocation };
        try {
            const successor = await this.deployments.create(this.environment, record, writePayload(record), `Go live: ${describeTarget(record)}`);
            this.deployment = successor;
            this.placeholder = false;
            this.log.info(`GitHub deployment ${successor.id} records the operation`);
            await this.deployments.retire(placeholder, successor.id);
        }
        catch (error) {
            this.log.warning(`The operation could not be recorded on GitHub, so a follow run will not find it: ${error.message}`);
        }
    }
    /** Posts the state when it changed; GitHub being unavailable must not end the go-live's run. */
    async update(state, details = {}) {
        try {
            await this.deployments.setState(this.deployment, state, details);
        }
        catch (error) {
            this.log.warning(`GitHub deployment ${this.deployment.id} was not updated: ${error.message}`);
        }
    }
}

;// CONCATENATED MODULE: ./src/offer-url.ts
/**
 * The `url` output: a page a person can open for the offer. For CPP its marketplace listing (a
 * `liveLinks` URI once the API fills it, else the listing address built from the IDs); for Product
 * Ingestion its overview page in Partner Center, as Microsoft's documentation links it.
 */

function offerUrl(ids, operation) {
    if (ids.api === 'product-ingestion') {
        return `https://partner.microsoft.com/dashboard/commercial-marketplace/offers/${encodeURIComponent(ids.productId)}/overview`;
    }
    return (liveLink(operation) ??
        `https://azuremarketplace.microsoft.com/marketplace/apps/${encodeURIComponent(ids.publisherId)}.${encodeURIComponent(ids.offerId)}`);
}
/**
 * The first usable `liveLinks` entry (`{ displayText, uri }` or a plain string). It is API text: only
 * an https URL without credentials is taken, so nothing else reaches the outputs or GitHub.
 */
function liveLink(operation) {
    const document = Array.isArray(operation) ? operation[0] : operation;
    if (!isRecord(document) || !Array.isArray(document.liveLinks))
        return undefined;
    for (const link of document.liveLinks) {
        const text = typeof link === 'string' ? link : isRecord(link) ? (str(link.uri) ?? str(link.url)) : undefined;
        if (!text)
            continue;
        try {
            const url = new URL(text.trim());
            if (url.protocol === 'https:' && !url.username && !url.password && !/[\s<>"']/.test(text.trim()))
                return url.href;
        }
        catch {
            // not a URL: skipped
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/follow.ts









/** Operations checked at a time: a publisher with dozens of offers still finishes in seconds. */
const FOLLOW_CONCURRENCY = 4;
async function followGoLives(deps) {
    const { settings, deployments, log } = deps;
    const startedAt = deps.clock.now();
    const given = settings.publisherId || settings.productId
        ? {
            api: settings.api,
            publisherId: settings.publisherId,
            offerId: settings.offerId,
            productId: settings.productId
        }
        : undefined;
    const scope = given ? describeTarget(given) : `every ${API_NAME[settings.api]} target`;
    log.info(`Following the go-lives recorded as GitHub deployments of ${deployments.run.owner}/${deployments.run.repo} (${scope})`);
    const found = await deployments.findInFlight({
        // The payload names the target; the environment narrows the list only when the user gave one.
        environment: settings.deploymentEnvironment || undefined,
        baseUrl: settings.baseUrl,
        wanted: (record) => record.api === settings.api && (!given || targetKey(record) === targetKey(given))
    });
    const warnings = [...found.skipped];
    const usable = found.inFlight.filter((deployment) => {
        if (deployment.record.operationLocation)
            return true;
        warnings.push(`Deployment ${deployment.id} (${describeTarget(deployment.record)}) records no operation: the run that created it ` +
            'stopped before Go Live answered. Re-run that release job: it joins the go-live and records it.');
        return false;
    });
    log.info(usable.length ? `${usable.length} go-live(s) in flight` : 'No go-live is in flight.');
    const rows = await mapWithLimit(usable, FOLLOW_CONCURRENCY, (deployment) => checkOne(deps, deployment));
    for (const row of rows) {
        if (row.problem)
            warnings.push(`${row.target} (deployment ${row['deployment-id']}): ${row.problem}`);
    }
    const failedRows = rows.filter((r) => r.result === 'failed' || r.result === 'canceled');
    const lasting = rows.filter((r) => r.lasting);
    const result = !rows.length
        ? 'none'
        : failedRows.length
            ? 'failed'
            : rows.every((r) => r.result === 'succeeded')
                ? 'succeeded'
                : 'running';
    let failure;
    if (failedRows.length) {
        failure = `${failedRows.map((r) => `The go-live of ${r.target} ${r.result === 'canceled' ? 'was cancelled' : 'failed'} (status '${r.operationStatus}')`).join('; ')}. Fix what it reports in Partner Center, publish to preview again, then start a new go-live.`;
    }
    else if (lasting.length) {
        failure = `${lasting.map((r) => `${r.target} (deployment ${r['deployment-id']}) could not be checked: ${r.problem}`).join('; ')}`;
    }
    const followed = rows.map(({ target, 'deployment-id': id, 'operation-location': location, result: r, url }) => ({
        target,
        'deployment-id': id,
        'operation-location': location,
        result: r,
        url
    }));
    return {
        result,
        followed,
        summary: renderFollowSummary(rows, result, deps.clock.now() - startedAt, scope),
        failure,
        warnings
    };
}
/** Checks one go-live once and posts its deployment state when it changed. */
async function checkOne(deps, deployment) {
    const { settings, api, deployments, context, log } = deps;
    const record = deployment.record;
    const target = describeTarget(record);
    const row = {
        target,
        'deployment-id': deployment.id,
        'operation-location': record.operationLocation,
        result: 'running',
        url: offerUrl(record),
        environment: deployment.environment,
        operationStatus: '',
        startedAt: record.startedAt
    };
    let snapshot;
    try {
        const backend = createBackend({ ...settings, publisherId: record.publisherId, offerId: record.offerId, productId: record.productId }, api, log);
        const operation = backend.resume(record.operationLocation);
        row['operation-location'] = operation.location;
        snapshot = await backend.poll(operation, context);
    }
    catch (error) {
        row.problem = error.message;
        row.lasting = !(error instanceof ApiError || error instanceof AuthError) || !error.transient;
        if (error instanceof ProtocolError)
            row.problem = `its operation location is not usable: ${row.problem}`;
        return row;
    }
    row.operationStatus = snapshot.rawStatus;
    row.result = snapshot.status === 'notStarted' ? 'running' : snapshot.status;
    row.url = offerUrl(record, snapshot.document);
    const state = deploymentStateFor(snapshot.status);
    const description = row.result === 'running'
        ? `Operation ${snapshot.rawStatus || 'running'}${currentStep(snapshot)}`
        : row.result === 'succeeded'
            ? 'Live'
            : `Go-live ${row.result} (status '${snapshot.rawStatus}')`;
    try {
        const posted = await deployments.setState(deployment, state, { description, environmentUrl: row.url });
        // The status is API text: fenced, so it can never run as a workflow command.
        logUntrusted([
            `${target}: ${row.result} (status '${snapshot.rawStatus}')${posted ? `; deployment ${deployment.id} set to ${state}` : ''}`
        ]);
    }
    catch (error) {
        row.problem = `its deployment status could not be set: ${error.message}`;
    }
    return row;
}
function currentStep(snapshot) {
    const step = snapshot.steps.find((s) => /progress|running/i.test(s.status));
    return step ? `: ${truncate(step.name, 60)}` : '';
}
const ICON = { running: '⏳', succeeded: '✅', failed: '❌', canceled: '🛑' };
const HEADLINE = {
    none: 'No go-live in flight',
    running: 'Still running',
    succeeded: 'Live',
    failed: 'A go-live failed'
};
/** The job summary of a follow run: the outcome, then one row per go-live. */
function renderFollowSummary(rows, result, elapsedMs, scope) {
    const lines = [
        `<h2>Marketplace go-live follow: ${escapeHtml(HEADLINE[result])}</h2>`,
        `<p>Checked ${rows.length} go-live(s) recorded as in-flight GitHub deployments (${escapeHtml(scope)}) in ${formatDuration(elapsedMs)}.</p>`
    ];
    if (rows.length) {
        lines.push('<table>', '<tr><th>Target</th><th>Result</th><th>Operation status</th><th>Deployment</th><th>Started</th><th>Page</th></tr>', ...rows.map((r) => `<tr><td>${escapeHtml(r.target)}</td><td>${ICON[r.result]} ${r.result}</td>` +
            `<td><code>${escapeHtml(r.operationStatus)}</code>${r.problem ? ` ${escapeHtml(truncate(r.problem, 300))}` : ''}</td>` +
            `<td>${r['deployment-id']} (${escapeHtml(r.environment)})</td><td>${escapeHtml(r.startedAt)}</td>` +
            `<td><a href="${escapeHtml(r.url)}">${escapeHtml(r.url)}</a></td></tr>`), '</table>');
    }
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/github/hooks.ts









function deploymentsFor(settings, clock) {
    return new Deployments(settings.githubToken, githubRunFromEnv(), clock, runnerLogger);
}
/** Before Go Live: find the target's go-live in flight, or create its deployment (403 stops here). */
async function openGoLiveDeployment(settings, clock, state) {
    const { tracker, recorded } = await GoLiveDeploymentTracker.open({
        deployments: deploymentsFor(settings, clock),
        ids: settings,
        environment: settings.deploymentEnvironment,
        baseUrl: settings.baseUrl,
        operationLocation: settings.operationLocation,
        clock,
        log: runnerLogger
    });
    state.outputs.deploymentId = tracker.id;
    return { tracker, recordedLocation: recorded?.operationLocation };
}
/** The operation is known: record it and mark the deployment in progress. */
async function recordOperation(hook, operation, state) {
    if (!hook)
        return;
    await hook.tracker.attach(operation.location);
    state.outputs.deploymentId = hook.tracker.id;
    await hook.tracker.update('in_progress', { description: 'Going live', environmentUrl: state.outputs.url });
}
/**
 * The run ended: a final result is posted; a go-live that goes on (timed out, not waited for,
 * workflow cancelled) stays in progress for a follow run; one that never started is an error.
 */
async function settleDeployment(hook, state) {
    if (!hook)
        return;
    const details = { environmentUrl: state.outputs.url };
    switch (state.outputs.result) {
        case 'succeeded':
            return hook.tracker.update('success', { ...details, description: 'Live' });
        case 'failed':
            return hook.tracker.update('failure', {
                ...details,
                description: truncate(state.failure ?? 'Go-live failed', 140)
            });
        case 'canceled':
            return hook.tracker.update('error', { ...details, description: 'Go-live cancelled' });
    }
}
/** When the run stopped with an error: a deployment whose go-live never started is an error. */
async function failDeployment(hook, state, error) {
    if (!hook || state.outputs.operationLocation)
        return;
    await hook.tracker.update('error', { description: truncate(`Not started: ${formatFailure(error)}`, 140) });
}
/** follow: true - the whole run. */
async function followRun(options) {
    const { settings, api, clock, startedAt, signal, state } = options;
    const deployments = deploymentsFor(settings, clock);
    state.api = 'GitHub deployments';
    state.target = settings.publisherId || settings.productId ? describeTarget(settings) : 'every target';
    const outcome = await followGoLives({
        settings,
        api,
        deployments,
        clock,
        context: { deadline: startedAt + settings.timeoutMs, signal },
        log: runnerLogger
    });
    for (const line of outcome.warnings)
        warning(defuseLegacyCommands(line));
    state.outputs.result = outcome.failure && outcome.result !== 'failed' ? 'failed' : outcome.result;
    state.outputs.followed = outcome.followed;
    if (outcome.followed.length === 1) {
        state.outputs.url = outcome.followed[0].url;
        state.outputs.deploymentId = outcome.followed[0]['deployment-id'];
    }
    else if (settings.publisherId || settings.productId) {
        state.outputs.url = offerUrl(settings);
    }
    state.summaryHtml = outcome.summary;
    state.failure = outcome.failure;
    state.headline = outcome.failure ?? `Follow: ${outcome.result}`;
    info(`Follow: ${outcome.result} (${outcome.followed.length} go-live(s) checked)`);
}

;// CONCATENATED MODULE: ./src/wait-for-operation.ts


async function waitForOperation(options) {
    const { clock, signal } = options;
    const started = clock.now();
    let snapshot;
    let lastError;
    let polls = 0;
    const result = (outcome) => ({
        outcome,
        snapshot,
        lastError,
        polls,
        elapsedMs: clock.now() - started
    });
    if (options.firstPollAfterMs) {
        await clock.sleep(Math.min(pauseFor(options.firstPollAfterMs), Math.max(0, options.deadline - started)), signal);
    }
    for (;;) {
        if (signal?.aborted)
            return result('aborted');
        let retryAfterMs;
        // Polls keep a fixed cadence from the start of each poll, so request time does not add up
        // to drift over a long wait.
        const pollStarted = clock.now();
        try {
            polls++;
            const current = await options.poll(signal);
            snapshot = current;
            lastError = undefined;
            retryAfterMs = current.retryAfterMs;
            options.onSnapshot?.(current);
            if (isTerminal(current.status))
                return result(current.status);
        }
        catch (error) {
            if (signal?.aborted)
                return result('aborted');
            if (!options.isTransient(error))
                throw error;
            lastError = error;
            options.onTransientError?.(error);
        }
        const now = clock.now();
        const remaining = options.deadline - now;
        if (remaining <= 0)
            return result('timed-out');
        // The server's Retry-After (counted from its answer) wins over the interval, never past the
        // deadline. A poll that overran its interval (its retries waited) was itself a fresh check, so
        // the next one waits a full interval instead of following at once.
        const untilNext = pollStarted + options.pollIntervalMs - now;
        const pause = retryAfterMs !== undefined ? pauseFor(retryAfterMs) : untilNext > 0 ? untilNext : options.pollIntervalMs;
        await clock.sleep(Math.min(pause, remaining), signal);
    }
}
/** A Retry-After of 0 or a date in the past (clock skew) must not turn the wait into a busy loop. */
function pauseFor(retryAfterMs) {
    return Math.max(MIN_POLL_INTERVAL_MS, retryAfterMs);
}

;// CONCATENATED MODULE: ./src/main.ts
/**
 * Orchestration only: settings, token provider, backend, then start (or join, or resume), wait and
 * report. This is the one place that writes outputs, the summary and the step status.
 */

















/** Within the runner's ~7.5 s between SIGINT and SIGTERM/kill, a cancel request gets this long. */
const CANCEL_ON_SIGNAL_BUDGET_MS = 5_000;
/** With on-timeout: cancel, the cancel request (with its retries) gets this long after the deadline. */
const CANCEL_REQUEST_BUDGET_MS = 5_000;
/**
 * Once a cancellation is accepted the result is `canceled`; the operation is then looked at for
 * this long only (a CPP 202 can cancel nothing, and a go-live that ended meanwhile is reported as
 * it ended), never followed for minutes past the margin users give `timeout-minutes`.
 */
const CANCEL_FOLLOW_MS = 5_000;
async function run(clock = systemClock) {
    const startedAt = clock.now();
    const controller = new AbortController();
    const onSignal = (signal) => {
        if (controller.signal.aborted)
            return;
        info(`Received ${signal}: the workflow run is being cancelled, so the wait stops now.`);
        controller.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const state = { api: '', target: '', outputs: {}, steps: [], notes: [], headline: '' };
    let dryRun = false;
    let deployment;
    try {
        const settings = getSettings();
        dryRun = settings.dryRun;
        const tokens = createTokenProvider(settings.auth, settings.api, clock, runnerLogger);
        const api = new ApiClient(settings.baseUrl, tokens, clock, runnerLogger);
        if (settings.follow) {
            await followRun({ settings, api, clock, startedAt, signal: controller.signal, state });
            return await report(state, clock, startedAt);
        }
        state.outputs.url = offerUrl(settings);
        const backend = createBackend(settings, api, runnerLogger);
        state.api = API_NAME[settings.api];
        state.target = backend.target;
        state.failureContext = { api: settings.api, target: backend.target, staticToken: !tokens.renewable };
        const context = { deadline: startedAt + settings.timeoutMs, signal: controller.signal };
        info(`Going live: ${backend.target} through the ${state.api} at ${settings.baseUrl}`);
        info(`Authentication: ${tokens.description}`);
        if (settings.auth.kind === 'token')
            warnIfTokenExpiresEarly(settings.auth.token, settings, clock, context.deadline);
        const goLiveRun = { settings, backend, clock, context, state, startedAt };
        if (settings.githubDeployment && !settings.dryRun) {
            goLiveRun.deployment = deployment = await openGoLiveDeployment(settings, clock, state);
        }
        await (settings.dryRun ? checkReadiness(goLiveRun) : goLive(goLiveRun));
        await settleDeployment(goLiveRun.deployment, state);
    }
    catch (error) {
        await failDeployment(deployment, state, error);
        if (controller.signal.aborted && !state.outputs.operationLocation) {
            // Outcome unknown: a go-live may or may not have reached the API, so no result is set.
            state.failure = dryRun
                ? 'The workflow run was cancelled during the dry run; nothing was started.'
                : 'The workflow run was cancelled before the go-live operation was known: a go-live may have started. A re-run joins it instead of starting another.';
            state.headline = 'Stopped: the workflow run was cancelled.';
        }
        else {
            state.outputs.result ??= 'failed';
            state.failure = formatFailure(error, state.failureContext);
            state.headline = state.failure;
        }
    }
    await report(state, clock, startedAt);
}
/**
 * Outputs, summary, warning and step status: the end of every run. Each is written on its own and
 * bounded; none of them throws, so a failure of one (an unwritable GITHUB_OUTPUT, a hostile
 * document) never loses the others.
 */
async function report(state, clock, startedAt) {
    await setOutputs(state.outputs);
    if (state.summaryHtml) {
        await writeSummaryHtml(state.summaryHtml);
    }
    else if (state.target) {
        await writeSummary({
            api: state.api,
            target: state.target,
            result: state.outputs.result,
            headline: state.headline,
            elapsedMs: clock.now() - startedAt,
            operationLocation: state.outputs.operationLocation,
            operationStatus: state.outputs.operationStatus,
            url: state.outputs.url,
            deploymentId: state.outputs.deploymentId,
            notes: state.notes,
            steps: state.steps
        });
    }
    if (state.warning)
        warning(state.warning);
    if (state.failure)
        await setFailed(state.failure);
    // The handlers stay: a late signal (SIGTERM follows SIGINT) must neither cut the report short nor
    // turn the exit code into a kill. They do not keep the process alive.
}
async function checkReadiness({ backend, context, state }) {
    const readiness = await backend.readiness(context);
    state.steps = readiness.steps;
    state.outputs.result = readiness.ready ? 'ready' : 'not-ready';
    state.headline = `Dry run: ${readiness.explanation}.`;
    logUntrusted([`Dry run: ${readiness.explanation}. Nothing was started.`]);
    if (!readiness.ready)
        state.failure = `Not ready to go live: ${readiness.explanation}.`;
}
/** Starts, joins or resumes the operation; its location is published before anything else. */
async function startOrResume({ settings, backend, context, state, deployment }) {
    if (deployment?.recordedLocation && !settings.operationLocation) {
        state.notes.push(`Followed the go-live recorded in flight in GitHub deployment ${deployment.tracker.id}; no new go-live was started.`);
        info(`Following the go-live recorded in GitHub deployment ${deployment.tracker.id}`);
        return { operation: backend.resume(deployment.recordedLocation) };
    }
    if (settings.operationLocation) {
        let operation;
        try {
            operation = backend.resume(settings.operationLocation);
        }
        catch (error) {
            if (error instanceof ProtocolError)
                throw new InputError('operation-location', `is not usable: ${error.message}`);
            throw error;
        }
        state.notes.push('Resumed an operation given in operation-location; no new go-live was started.');
        info(`Resuming: following the operation given in 'operation-location'`);
        return { operation };
    }
    try {
        const started = await backend.start(context);
        state.notes.push(started.note);
        logUntrusted([started.note]);
        return { operation: started.operation, firstPollAfterMs: started.retryAfterMs, settled: started.settled };
    }
    catch (error) {
        if (!(error instanceof ApiError) || context.signal?.aborted)
            throw error;
        const extra = await backend.explainStartFailure?.(error, context);
        if (!extra)
            throw error;
        state.notes.push(extra);
        throw new ApiError({ ...error.details, apiMessage: `${error.details.apiMessage ?? ''} (${extra})`.trim() });
    }
}
async function goLive(goLiveRun) {
    const { settings, backend, clock, context, state, startedAt } = goLiveRun;
    const started = await startOrResume(goLiveRun);
    let operation = started.operation;
    // The location is the whole resume state: log it before any file is written (a runner file that
    // cannot be written must not lose it), then publish it.
    info(`Operation: ${operation.location}`);
    await publishLocation(state, operation);
    await recordOperation(goLiveRun.deployment, operation, state);
    if (started.settled) {
        // Already live: nothing was started and there is nothing to wait for.
        record(state, started.settled);
        state.outputs.result = 'succeeded';
        state.headline = `Already live: ${backend.target}; nothing was pushed.`;
        info(`Succeeded: ${backend.target} is already live; nothing was pushed.`);
        return;
    }
    if (!settings.wait) {
        state.outputs.result = 'started';
        state.headline = `The go-live was accepted; not waiting (wait: false). Follow it later with operation-location.`;
        info(`Not waiting (wait: false). To follow it later, run the action with operation-location: ${operation.location}`);
        return;
    }
    info(`Waiting up to ${formatDuration(settings.timeoutMs)}, checking every ${formatDuration(settings.pollIntervalMs)}`);
    const progress = new ProgressLog(startedAt);
    const waited = await waitForOperation({
        poll: (signal) => backend.poll(operation, { ...context, signal }),
        clock,
        pollIntervalMs: settings.pollIntervalMs,
        firstPollAfterMs: started.firstPollAfterMs,
        deadline: context.deadline,
        signal: context.signal,
        isTransient,
        onSnapshot: (snapshot) => {
            record(state, snapshot);
            progress.update(snapshot, clock.now());
            if (snapshot.handover && snapshot.handover.location !== operation.location) {
                // What is followed changed (the job handed over to the live submission): so does the resume state.
                operation = snapshot.handover;
                info(`Operation: ${operation.location}`);
                void publishLocation(state, operation);
            }
        },
        onTransientError: (error) => logUntrusted([`A status check failed and will be retried at the next poll: ${error.message}`])
    });
    const elapsed = formatDuration(clock.now() - startedAt);
    const snapshot = waited.snapshot;
    const rawStatus = snapshot?.rawStatus || 'unknown';
    const resumeHint = `Resume with operation-location: ${operation.location}`;
    // The step that stopped the go-live, unless its message is the operation's error said again.
    const blockedStep = snapshot?.steps.find((step) => /fail|reject|block/i.test(step.status) && (!step.message || step.message !== snapshot.error?.message));
    switch (waited.outcome) {
        case 'succeeded':
            state.outputs.result = 'succeeded';
            state.headline = `Went live after ${elapsed}: ${backend.target} (operation status '${rawStatus}').`;
            info(`Succeeded: ${backend.target} is live (operation status '${rawStatus}', ${elapsed}).`);
            return;
        case 'failed': {
            state.outputs.result = 'failed';
            const error = snapshot?.error;
            state.failure =
                `The go-live of ${backend.target} failed after ${elapsed} (status '${rawStatus}')` +
                    `${error ? `: ${clause([error.code, error.message].filter(Boolean).join(' '))}` : ''}` +
                    `${blockedStep ? `. Failed step: ${describeBlocked(blockedStep)}` : ''}` +
                    '. Fix what it reports in Partner Center, publish to preview again, then re-run.';
            state.headline = state.failure;
            return;
        }
        case 'canceled':
            state.outputs.result = 'canceled';
            state.failure = `The go-live of ${backend.target} was cancelled remotely (status '${rawStatus}') after ${elapsed}.`;
            state.headline = state.failure;
            return;
        case 'timed-out': {
            state.outputs.result = 'timed-out';
            const lastFailure = waited.lastError
                ? `; the last status check failed: ${waited.lastError.message}`
                : '';
            const blocked = blockedStep ? `; step ${describeBlocked(blockedStep)}` : '';
            const what = `The go-live of ${backend.target} did not finish within ${formatDuration(settings.timeoutMs)} (last status '${rawStatus}'${lastFailure}${blocked})`;
            if (settings.onTimeout === 'warn') {
                state.warning = `${what}. It goes on remotely. ${resumeHint}`;
                state.headline = state.warning;
            }
            else if (settings.onTimeout === 'cancel') {
                const cancel = await cancelRemotely(goLiveRun, operation, 'on-timeout: cancel', clock.now() + CANCEL_REQUEST_BUDGET_MS, CANCEL_FOLLOW_MS);
                if (cancel.settled === 'succeeded') {
                    state.headline = `Went live after all, while being cancelled: ${backend.target} (${cancel.summary})`;
                    info(`Succeeded: ${backend.target} went live before the cancellation took effect.`);
                }
                else {
                    state.failure = `${what}; ${cancel.summary}${cancel.accepted ? '' : ` ${resumeHint}`}`;
                    state.headline = state.failure;
                }
            }
            else {
                state.failure = `${what}. It goes on remotely. ${resumeHint} (or use on-timeout: warn to pass the step).`;
                state.headline = state.failure;
            }
            return;
        }
        case 'aborted':
            if (settings.onCancel === 'cancel') {
                // One attempt, no following: the runner kills the process a few seconds after SIGINT.
                const cancel = await cancelRemotely(goLiveRun, operation, 'on-cancel: cancel', clock.now() + CANCEL_ON_SIGNAL_BUDGET_MS, 0);
                state.failure = `The workflow run was cancelled; ${cancel.summary}${cancel.accepted ? '' : ` ${resumeHint}`}`;
            }
            else {
                // The go-live goes on and its outcome is unknown here, so no result is set.
                state.notes.push('The workflow run was cancelled; the operation was left running (on-cancel: leave).');
                state.failure = `The workflow run was cancelled; the go-live of ${backend.target} was left running (on-cancel: leave). ${resumeHint}`;
            }
            state.headline = state.failure;
            info(resumeHint);
    }
}
/**
 * Asks the API to cancel (until `deadline`), then for `followMs` after the API accepted looks at the
 * operation to see the cancellation land. Sets result `canceled` once the API accepted, unless the
 * operation is then seen to have ended otherwise (`settled`); the summary is a sentence for the
 * failure message.
 */
async function cancelRemotely({ backend, clock, context, state, settings }, operation, why, deadline, followMs) {
    info(`${why} - asking the API to cancel the operation`);
    // A signal during the follow (on-timeout) stops it too; on-cancel already has its signal.
    const signal = context.signal?.aborted ? undefined : context.signal;
    const cancel = await backend.cancel(operation, { deadline, signal, retry: followMs > 0 });
    logUntrusted([`Cancellation: ${cancel.message}`]);
    const said = { accepted: cancel.accepted, summary: `${why} - ${clause(cancel.message)}.` };
    if (!cancel.accepted)
        return said;
    state.outputs.result = 'canceled';
    if (followMs <= 0)
        return said;
    const followUntil = clock.now() + followMs;
    // A separate cancellation operation is followed to its end; then the go-live is read once more.
    const separate = cancel.operation && cancel.operation.location !== operation.location ? cancel.operation : undefined;
    if (separate)
        info(`Following the cancellation operation: ${separate.location}`);
    let followed = await waitForOperation({
        poll: (pollSignal) => backend.poll(separate ?? operation, { deadline: followUntil, signal: pollSignal }),
        clock,
        pollIntervalMs: Math.max(MIN_POLL_INTERVAL_MS, Math.min(settings.pollIntervalMs, followMs / 2)),
        deadline: followUntil,
        signal,
        isTransient,
        onSnapshot: (snapshot) => (separate ? undefined : record(state, snapshot))
    }).catch(() => undefined);
    // A failed look at the operation changes nothing: the API accepted the cancellation.
    if (!followed)
        return said;
    if (separate && followed.snapshot && isTerminal(followed.snapshot.status) && !signal?.aborted) {
        const goLive = await backend
            .poll(operation, { deadline: Math.min(clock.now() + 5_000, followUntil + 5_000), signal })
            .catch(() => undefined);
        if (goLive) {
            record(state, goLive);
            followed = {
                ...followed,
                snapshot: goLive,
                outcome: goLive.status === 'notStarted' || goLive.status === 'running' ? 'timed-out' : goLive.status
            };
        }
    }
    const now = followed.snapshot ? `; the operation now reports '${followed.snapshot.rawStatus}'` : '';
    const summary = `${why} - ${clause(cancel.message)}${now}.`;
    // CPP answers 202 even when nothing was cancelled: what the operation then reports decides.
    if (followed.outcome === 'succeeded' || followed.outcome === 'failed') {
        state.outputs.result = followed.outcome;
        return { accepted: true, summary, settled: followed.outcome };
    }
    return { accepted: true, summary };
}
/** The location is the whole resume state: publish it as soon as it is known, and when it changes. */
async function publishLocation(state, operation) {
    state.outputs.operationLocation = operation.location;
    state.outputs.operationId = operation.id;
    state.failureContext = { ...state.failureContext, operationLocation: operation.location };
    await setOutputs({ operationLocation: operation.location, operationId: operation.id });
}
/** `Certification (blocked) - Issues found…`: a step that stopped the go-live, with its message. */
function describeBlocked(step) {
    return `${step.name} (${step.status})${step.message ? ` - ${clause(step.message)}` : ''}`;
}
/** Keeps what the outputs and the summary show in step with the last document read. */
function record(state, snapshot) {
    state.outputs.operationStatus = snapshot.rawStatus;
    state.outputs.url = liveLink(snapshot.document) ?? state.outputs.url;
    state.outputs.operation = snapshot.document;
    state.steps = snapshot.steps;
}
/** Failures worth polling through: throttling, outages, unreadable bodies, token service outages. */
function isTransient(error) {
    return (error instanceof ApiError || error instanceof AuthError) && error.transient;
}
function warnIfTokenExpiresEarly(token, settings, clock, deadline) {
    const expiry = jwtExpiry(token);
    if (expiry === undefined)
        return;
    const now = clock.now();
    if (expiry <= now) {
        warning(`The 'token' input expired at ${new Date(expiry).toISOString()}; the API will refuse it. ` +
            "Use 'tenant-id' + 'client-id' with 'client-secret' or GitHub OIDC so the action gets and renews tokens.");
    }
    else if (settings.wait && !settings.dryRun && expiry < deadline) {
        warning(`The 'token' input expires at ${new Date(expiry).toISOString()} (in ${formatDuration(expiry - now)}), ` +
            `before the ${formatDuration(settings.timeoutMs)} timeout: a longer wait fails with 401. ` +
            "Client credentials or GitHub OIDC ('tenant-id' + 'client-id') are renewed during the wait.");
    }
}

;// CONCATENATED MODULE: ./src/index.ts
/** The action's entry point: the runner runs dist/index.js, built from this file. */


// run() reports every failure itself; this only catches one in the reporting (e.g. an unwritable
// GITHUB_OUTPUT), so that it still fails the step with a message instead of an unhandled rejection.
run().catch((error) => setFailed(`Could not report the result: ${error.message}`));


//# sourceMappingURL=index.js.map