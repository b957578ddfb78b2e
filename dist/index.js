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
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
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
/** Turning untrusted API text into something safe and readable. */
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };
/** `messageHtml` to plain text for the log: tags dropped, common entities decoded, one line. */
function htmlToText(html) {
    return html
        .replace(/<br\s*\/?>|<\/p>|<\/li>/gi, ' ')
        .replace(/<[^>]*>/g, '')
        .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name) => {
        const lower = name.toLowerCase();
        if (lower.startsWith('#x'))
            return safeCodePoint(parseInt(lower.slice(2), 16), whole);
        if (lower.startsWith('#'))
            return safeCodePoint(parseInt(lower.slice(1), 10), whole);
        return ENTITIES[lower] ?? whole;
    })
        .replace(/\s+/g, ' ')
        .trim();
}
function safeCodePoint(code, fallback) {
    return Number.isInteger(code) && code > 31 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}
/** Escapes text for a cell of an HTML table inside Markdown (the job summary). */
function escapeHtml(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;')
        .replace(/\|/g, '&#124;')
        .replace(/\r?\n/g, '<br>');
}
/** Removes terminal control sequences and other control characters (but keeps newlines). */
function stripControl(text) {
    // eslint-disable-next-line no-control-regex
    return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}
/**
 * Text for annotations (`::error::…` via @actions/core, which escapes newlines and `::`): the
 * legacy `##[` form is matched anywhere in a line, so break it up.
 */
function defuseLegacyCommands(text) {
    return breakLegacyCommands(stripControl(text));
}
/** Breaks up `##[` (with an invisible space) and changes nothing else. */
function breakLegacyCommands(text) {
    return text.replace(/##\[/g, '#\u200b#[');
}
/** A remote sentence to embed in ours: trailing full stops and spaces removed (no `..`). */
function clause(text) {
    return text.trim().replace(/[.\s]+$/, '');
}
/** Shortens for a table cell or a log line. */
function truncate(text, max) {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
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

;// CONCATENATED MODULE: ./src/advice.ts
/**
 * Turns any failure into one message a person can act on: what failed, the status code, the API's
 * own code and message, and what to do next. No stack traces.
 */

function formatFailure(error, context) {
    if (error instanceof InputError || error instanceof AuthError || error instanceof PreconditionError)
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
            return `${target} was not found: check ${ids}, and that the app can see this publisher account.${resume}`;
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

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __nccwpck_require__(7067);
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
        url = new URL(text, base);
        if (url.origin !== origin) {
            throw new ProtocolError(`the operation location ${url.origin}${url.pathname} is not on the API origin ${origin}; ` +
                'the token is only sent to the API origin, so it was not followed');
        }
    }
    else {
        url = new URL(base + (text.startsWith('/') ? text : `/${text}`));
    }
    if (url.username || url.password)
        throw new ProtocolError('the operation location must not carry credentials');
    url.hash = '';
    return url.href;
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
    proxyClient ??= __nccwpck_require__.e(/* import() */ 942).then(__nccwpck_require__.bind(__nccwpck_require__, 4942)).then(({ HttpClient }) => new HttpClient(USER_AGENT));
    return (await proxyClient).getAgent(url.href);
}
/** One request, one answer. Network failures become transient ApiErrors with status 0. */
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
        const fail = (reason) => reject(new ApiError({ method: options.method, url: options.url, status: 0, apiMessage: reason, transient: true }));
        if (options.signal?.aborted)
            return fail('the request was aborted');
        const req = transport.request(url, { method: options.method, headers, agent });
        const timer = setTimeout(() => {
            req.destroy(new Error(`no answer within ${Math.round(options.timeoutMs / 1000)}s`));
        }, options.timeoutMs);
        const onAbort = () => {
            req.destroy(new Error('the request was aborted'));
        };
        options.signal?.addEventListener('abort', onAbort, { once: true });
        const cleanUp = () => {
            clearTimeout(timer);
            options.signal?.removeEventListener('abort', onAbort);
        };
        req.on('error', (err) => {
            cleanUp();
            fail(describeNetworkError(err));
        });
        req.on('response', (res) => {
            const chunks = [];
            let size = 0;
            res.on('data', (chunk) => {
                if (size < MAX_BODY_BYTES)
                    chunks.push(chunk);
                size += chunk.length;
            });
            res.on('error', (err) => {
                cleanUp();
                fail(describeNetworkError(err));
            });
            res.on('end', () => {
                cleanUp();
                resolve({
                    status: res.statusCode ?? 0,
                    headers: res.headers,
                    text: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8')
                });
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
        const retryAfter = response ? parseRetryAfter(response.headers['retry-after'], Date.now()) : undefined;
        const delay = retryAfter ?? backoffDelay(attempt, policy);
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
            return toApiResponse(req, raw);
        }
    }
}
function toApiResponse(req, raw) {
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
            retryAfterMs: parseRetryAfter(raw.headers['retry-after'], Date.now())
        };
    }
    const apiError = readApiError(body);
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
        return { code: stringOrUndefined(e.code), message: stringOrUndefined(e.message) };
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
/** The `exp` of a JWT-shaped token in ms since the epoch, or undefined for opaque tokens. */
function jwtExpiry(token) {
    const claims = jwtClaims(token);
    return typeof claims?.exp === 'number' ? claims.exp * 1000 : undefined;
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
            const assertion = await credential.getAssertion();
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
        const lifetimeMs = Math.max(0, Number(body.expires_in ?? 3599) * 1000);
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

;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: ./src/workflow-commands.ts
/**
 * The few runner commands needed before the first request: read an input, mask a secret, write a
 * log line, a debug line or a warning. They follow @actions/core's wire format exactly, but do not
 * import it: @actions/core loads an HTTP stack (undici) and @actions/exec at start, which tripled
 * the action's start-up time. Files (outputs, job summary), the failure status and the OIDC token
 * still go through @actions/core, loaded when first needed (see report.ts and auth/github-oidc.ts).
 */


/** `INPUT_<NAME>` as the runner sets it (spaces become `_`, dashes stay), trimmed; '' when absent. */
function getInput(name) {
    return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
/** Registers a value the runner must mask in every later log line. */
function setSecret(secret) {
    issue('add-mask', secret);
}
function info(message) {
    process.stdout.write(message + external_node_os_namespaceObject.EOL);
}
function debug(message) {
    issue('debug', message);
}
function warning(message) {
    issue('warning', message);
}
/**
 * Escaping as @actions/core does, so a message can never end the command or start another line;
 * and the legacy `##[` form, which the runner reads anywhere in a line, broken up.
 */
function escapeData(text) {
    return breakLegacyCommands(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function issue(command, message) {
    process.stdout.write(`::${command}::${escapeData(message)}${external_node_os_namespaceObject.EOL}`);
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
/** A fresh GitHub OIDC JWT for Entra, masked before anything can print it. */
async function getGitHubAssertion() {
    checkOidcAvailable();
    let jwt;
    try {
        // Loaded here, not at start: only OIDC runs need it (see workflow-commands.ts).
        const core = await Promise.all(/* import() */[__nccwpck_require__.e(942), __nccwpck_require__.e(143)]).then(__nccwpck_require__.bind(__nccwpck_require__, 143));
        jwt = await core.getIDToken(AZURE_AD_AUDIENCE);
    }
    catch (err) {
        // The variables were there (checked above), so this is the token service failing: an outage.
        throw new AuthError(`GitHub did not issue an OIDC token: ${err.message}. Check that the job has \`permissions: id-token: write\`.`, undefined, undefined, true);
    }
    setSecret(jwt);
    return jwt;
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
                    : { kind: 'assertion', getAssertion: getGitHubAssertion },
                clock,
                log,
                mask: setSecret
            });
    }
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
function normaliseStatus(text) {
    return text.toLowerCase().replace(/[\s_-]+/g, '');
}

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
        return {
            operation: this.resume(location),
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
            return response.status === 202
                ? { accepted: true, message: 'the API accepted the cancellation (HTTP 202)' }
                : { accepted: true, message: `the API cancelled the operation (HTTP ${response.status})` };
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
function newestMessage(messages) {
    let best;
    messages.forEach((m, index) => {
        const text = typeof m === 'string' ? m : isRecord(m) ? (str(m.messageHtml) ?? str(m.message) ?? '') : '';
        if (!text)
            return;
        const stamp = isRecord(m) ? Date.parse(str(m.timestamp) ?? '') : NaN;
        // Without timestamps, later in the list is newer.
        const time = Number.isNaN(stamp) ? index : stamp;
        if (!best || time >= best.time)
            best = { text, time };
    });
    return best ? htmlToText(best.text) : undefined;
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

;// CONCATENATED MODULE: ./src/backends/product-ingestion-backend.ts
/**
 * Product Ingestion API: go live by submitting the newest succeeded preview submission to the live
 * target (`POST /configure`), follow the configure job, then follow the live submission it creates
 * until that completes. A live submission already running is joined, never duplicated.
 *
 * What is followed, and the location that resumes it:
 * - a configure job: `/configure/{jobId}/status`;
 * - a live submission: `/submission/{productId}/{submissionId}`;
 * - the live submission a job someone else submitted will create: `/submission/{productId}?since=…`,
 *   where `since` (the time the action joined) rules out live submissions completed before it.
 */





const SCHEMA_HOST = 'https://schema.mp.microsoft.com/schema';
class ProductIngestionBackend {
    api;
    product;
    log;
    target;
    tracking = new Map();
    constructor(api, product, log) {
        this.api = api;
        this.product = product;
        this.log = log;
        this.target = `product ${product.productId}`;
    }
    url(path) {
        // `$version` is sent literally, as the API documents it (URLSearchParams would encode the `$`).
        return `${this.api.baseUrl}${path}?$version=${encodeURIComponent(this.product.apiVersion)}`;
    }
    get listPath() {
        return `/submission/${encodeURIComponent(this.product.productId)}`;
    }
    async submissions(context) {
        const response = await this.api.request({
            method: 'GET',
            url: this.url(this.listPath),
            label: 'List submissions',
            ...context
        });
        const list = isRecord(response.body) ? response.body.value : response.body;
        return asArray(list).map((s) => ({
            id: str(s.id) ?? '',
            targetType: normaliseStatus(isRecord(s.target) ? (str(s.target.targetType) ?? '') : ''),
            status: str(s.status) ?? '',
            result: str(s.result) ?? '',
            created: str(s.created) ?? '',
            document: s
        }));
    }
    async start(context) {
        const submissions = await this.submissions(context);
        const running = runningLive(submissions);
        if (running)
            return this.joinSubmission(running);
        const preview = newestSucceededPreview(submissions);
        if (!preview) {
            throw new PreconditionError(`No preview submission of ${this.target} has completed successfully, so there is nothing to take live: ` +
                'publish the offer to preview first and wait until the preview submission succeeds');
        }
        const knownLive = liveIds(submissions);
        const body = {
            $schema: `${SCHEMA_HOST}/configure/2022-03-01-preview2`,
            resources: [
                {
                    $schema: `${SCHEMA_HOST}/submission/2022-03-01-preview2`,
                    id: preview.id,
                    product: `product/${this.product.productId}`,
                    target: { targetType: 'live' }
                }
            ]
        };
        let job;
        let status;
        let retryAfterMs;
        try {
            const response = await this.api.request({
                method: 'POST',
                url: this.url('/configure'),
                body,
                label: 'Configure',
                // Accepted is accepted: a gateway's body on the 202 must not hide a started submission.
                bodyOptional: true,
                ...context
            });
            job = isRecord(response.body) ? response.body : {};
            status = response.status;
            retryAfterMs = response.retryAfterMs;
        }
        catch (err) {
            // One submission at a time: this is a re-run, or our first answer was lost. Join it.
            if (!isInFlight(err))
                throw err;
            return this.joinInFlight(context, err);
        }
        const jobId = str(job.jobId);
        if (!jobId) {
            // Submitted, but the answer names no job: follow the live submission it will create.
            return {
                operation: this.followNewLive(knownLive),
                note: `Submitted preview ${preview.id} to the live target (HTTP ${status}, no job ID in the answer); following the live submission it creates`
            };
        }
        const operation = this.resume(`/configure/${encodeURIComponent(jobId)}/status`);
        this.tracking.set(operation.location, { jobId, jobStart: str(job.jobStart), jobDocument: job, knownLive });
        return {
            operation,
            note: `Submitted preview ${preview.id} (created ${preview.created || 'unknown'}) to the live target; configure job ${jobId} accepted (HTTP ${status})`,
            retryAfterMs
        };
    }
    joinSubmission(running) {
        const operation = this.resume(submissionPath(this.product.productId, running.id));
        this.tracking.set(operation.location, { submission: running });
        return { operation, note: `Joined the live submission already running (${running.id}) instead of submitting again` };
    }
    /** Configure said a submission is in progress: follow its live submission, now or once it appears. */
    async joinInFlight(context, conflict) {
        const submissions = await this.submissions(context);
        const running = runningLive(submissions);
        if (running)
            return this.joinSubmission(running);
        const operation = this.followNewLive(liveIds(submissions));
        return {
            operation,
            note: `Configure answered ${conflict.status} (${conflict.details.apiMessage ?? 'a submission is in progress'}); ` +
                'following the live submission that submission creates instead of submitting again'
        };
    }
    /** Follows the next live submission to appear (one not in `knownLive`), from now on. */
    followNewLive(knownLive) {
        const since = new Date().toISOString();
        const operation = this.resume(`${this.listPath}?since=${encodeURIComponent(since)}`);
        this.tracking.set(operation.location, { knownLive, since });
        return operation;
    }
    resume(location) {
        const url = new URL(this.api.resolve(location));
        const relative = url.pathname.slice(new URL(this.api.baseUrl).pathname.replace(/\/+$/, '').length);
        const job = /^\/configure\/([^/]+)\/status\/?$/.exec(relative);
        const submission = /^\/submission\/([^/]+)(?:\/([^/]+))?\/?$/.exec(relative);
        if (!job && !submission) {
            throw new ProtocolError(`'${location}' is not a Product Ingestion operation: expected .../configure/{jobId}/status, ` +
                '.../submission/{productId}/{submissionId} or .../submission/{productId}');
        }
        const since = url.searchParams.get('since') ?? undefined;
        const listForm = !job && !submission[2];
        const fixed = `${url.origin}${url.pathname}?$version=${encodeURIComponent(this.product.apiVersion)}` +
            (listForm && since ? `&since=${encodeURIComponent(since)}` : '');
        if (!this.tracking.has(fixed))
            this.tracking.set(fixed, this.trackingFor(location, job, submission, since));
        const id = job ? job[1] : (submission[2] ?? submission[1]);
        return { location: fixed, id: decode(id, location) };
    }
    trackingFor(location, job, submission, since) {
        if (job)
            return { jobId: decode(job[1], location) };
        if (!submission[2])
            return { since };
        const id = `submission/${decode(submission[1], location)}/${decode(submission[2], location)}`;
        return { submission: { id, targetType: 'live', status: '', result: '', created: '', document: {} } };
    }
    async poll(operation, context) {
        const tracking = this.tracking.get(operation.location) ?? {};
        this.tracking.set(operation.location, tracking);
        if (tracking.submission)
            return this.pollSubmission(tracking, context);
        if (tracking.jobId)
            return this.pollJob(operation, tracking, context);
        return this.pollForNewLive(tracking, context, undefined, '', undefined);
    }
    async pollJob(operation, tracking, context) {
        const response = await this.api.request({
            method: 'GET',
            url: operation.location,
            label: 'GET job status',
            ...context
        });
        if (!isRecord(response.body)) {
            throw new ApiError({
                method: 'GET',
                url: operation.location,
                status: response.status,
                apiMessage: 'the job status is not a JSON object',
                transient: true
            });
        }
        const job = response.body;
        tracking.jobDocument = job;
        tracking.jobStart ??= str(job.jobStart);
        const jobStatus = str(job.jobStatus) ?? '';
        const status = normaliseStatus(jobStatus) === COMPLETED
            ? mapStatus(COMPLETED_RESULT, job.jobResult, (raw) => this.log.debug(`unknown jobResult '${raw}'`))
            : mapStatus(JOB_STATUS, jobStatus, (raw) => this.log.debug(`unknown jobStatus '${raw}'`));
        if (status !== 'succeeded') {
            // Resumed while the job still runs: what is live now is not what it will create.
            if (!tracking.knownLive && (status === 'notStarted' || status === 'running')) {
                tracking.knownLive = liveIds(await this.submissions(context));
            }
            return {
                status,
                rawStatus: jobStatus,
                document: job,
                steps: this.steps(tracking),
                error: status === 'failed' || status === 'canceled' ? jobError(job) : undefined,
                retryAfterMs: response.retryAfterMs
            };
        }
        // The job only accepted the submission; the go-live is the live submission it created.
        return this.pollForNewLive(tracking, context, response.retryAfterMs, jobStatus, job);
    }
    /** Looks for the live submission the job created; follows it once it is there. */
    async pollForNewLive(tracking, context, retryAfterMs, rawStatus, document) {
        const live = this.createdLiveSubmission(tracking, await this.submissions(context));
        if (!live) {
            const phase = tracking.waitingLogged ? undefined : 'Waiting for the live submission to appear';
            tracking.waitingLogged = true;
            return { status: 'running', rawStatus, document, steps: this.steps(tracking), phase, retryAfterMs };
        }
        tracking.submission = live;
        return { ...this.submissionSnapshot(tracking, retryAfterMs), phase: `Following live submission ${live.id}` };
    }
    /**
     * The live submission this go-live created: one that did not exist when it was submitted (or
     * joined, or first seen unfinished); else, when resumed later, one created after the job started
     * (or the join). Without either bound, the running one, since one runs at a time.
     */
    createdLiveSubmission(tracking, submissions) {
        const live = submissions.filter((s) => s.targetType === 'live');
        if (tracking.knownLive)
            return newest(live.filter((s) => !tracking.knownLive.has(s.id)));
        const bound = Date.parse(tracking.jobStart ?? tracking.since ?? '');
        if (!Number.isNaN(bound))
            return newest(live.filter((s) => Date.parse(s.created) >= bound));
        return runningLive(submissions) ?? (tracking.jobId ? newest(live) : undefined);
    }
    async pollSubmission(tracking, context) {
        const wanted = tracking.submission.id;
        const bareId = wanted.split('/').pop();
        const found = (await this.submissions(context)).find((s) => s.id === wanted || s.id.split('/').pop() === bareId);
        if (!found) {
            // A list served by a replica that lags is no reason to end a wait of days.
            throw new ApiError({
                method: 'GET',
                url: this.url(this.listPath),
                status: 200,
                apiMessage: `submission ${wanted} is not (yet) among the product's submissions`,
                transient: true
            });
        }
        tracking.submission = found;
        return this.submissionSnapshot(tracking);
    }
    submissionSnapshot(tracking, retryAfterMs) {
        const submission = tracking.submission;
        const status = normaliseStatus(submission.status) === COMPLETED
            ? mapStatus(COMPLETED_RESULT, submission.result)
            : mapStatus(SUBMISSION_STATUS, submission.status, (raw) => this.log.debug(`unknown submission status '${raw}'`));
        return {
            status,
            rawStatus: submission.status,
            document: submission.document,
            steps: this.steps(tracking),
            error: status === 'failed'
                ? {
                    code: 'submissionFailed',
                    message: `live submission ${submission.id} completed with result '${submission.result}'`
                }
                : undefined,
            retryAfterMs
        };
    }
    steps(tracking) {
        const steps = [];
        if (tracking.jobDocument || tracking.jobId) {
            const job = tracking.jobDocument ?? {};
            const errors = asArray(job.errors).map((e) => [str(e.code), str(e.message)].filter(Boolean).join(': '));
            steps.push({
                name: `Configure job${tracking.jobId ? ` ${tracking.jobId}` : ''}`,
                status: [str(job.jobStatus), str(job.jobResult)].filter(Boolean).join(' / ') || 'unknown',
                message: errors.length ? errors.join('; ') : undefined
            });
        }
        const submission = tracking.submission;
        steps.push({
            name: submission ? `Live submission ${submission.id.split('/').pop()}` : 'Live submission',
            status: submission?.status
                ? [submission.status, submission.result].filter(Boolean).join(' / ')
                : 'not created yet',
            estimate: 'hours to days'
        });
        return steps;
    }
    async cancel(operation, context) {
        const tracking = this.tracking.get(operation.location) ?? {};
        if (!tracking.jobId) {
            return {
                accepted: false,
                message: 'the configure job of this submission is not known to this run (another run submitted it), so it cannot ' +
                    'be cancelled through the API; cancel it in Partner Center'
            };
        }
        if (tracking.submission) {
            return {
                accepted: false,
                message: 'the configure job has finished and the live submission can no longer be cancelled through the API; ' +
                    'it keeps running in Partner Center'
            };
        }
        try {
            const response = await this.api.request({
                method: 'POST',
                url: this.url(`/configure/${encodeURIComponent(tracking.jobId)}/cancel`),
                label: 'Cancel job',
                bodyOptional: true,
                ...context
            });
            return { accepted: true, message: `the API cancelled configure job ${tracking.jobId} (HTTP ${response.status})` };
        }
        catch (err) {
            return { accepted: false, message: `the cancellation did not go through: ${err.message}` };
        }
    }
    async readiness(context) {
        const submissions = await this.submissions(context);
        const running = runningLive(submissions);
        const preview = newestSucceededPreview(submissions);
        const steps = submissions
            .slice()
            .sort(byCreatedDescending)
            .slice(0, 5)
            .map((s) => ({
            name: `${s.targetType} submission ${s.id.split('/').pop()}`,
            status: [s.status, s.result].filter(Boolean).join(' / '),
            message: s.created ? `created ${s.created}` : undefined
        }));
        if (running) {
            return {
                ready: false,
                explanation: `a live submission (${running.id}) is already running for ${this.target}`,
                steps
            };
        }
        if (!preview) {
            return {
                ready: false,
                explanation: `${this.target} has no succeeded preview submission: publish the offer to preview first`,
                steps
            };
        }
        return { ready: true, explanation: `preview ${preview.id} of ${this.target} is ready to go live`, steps };
    }
}
/** A path segment of a location; a malformed escape is the location's fault, said as such. */
function decode(segment, location) {
    try {
        return decodeURIComponent(segment);
    }
    catch {
        throw new ProtocolError(`'${location}' has a malformed %-escape`);
    }
}
/** Submission IDs read `submission/{productId}/{id}`; the path repeats that form. */
function submissionPath(productId, submissionId) {
    const bare = submissionId.split('/').pop() ?? submissionId;
    return `/submission/${encodeURIComponent(productId)}/${encodeURIComponent(bare)}`;
}
function byCreatedDescending(a, b) {
    return (Date.parse(b.created) || 0) - (Date.parse(a.created) || 0);
}
function newest(submissions) {
    return submissions.slice().sort(byCreatedDescending)[0];
}
function liveIds(submissions) {
    return new Set(submissions.filter((s) => s.targetType === 'live').map((s) => s.id));
}
function runningLive(submissions) {
    return newest(submissions.filter((s) => s.targetType === 'live' && normaliseStatus(s.status) === 'running'));
}
function newestSucceededPreview(submissions) {
    return newest(submissions.filter((s) => s.targetType === 'preview' &&
        normaliseStatus(s.status) === COMPLETED &&
        normaliseStatus(s.result) === 'succeeded'));
}
function jobError(job) {
    const errors = asArray(job.errors);
    if (!errors.length)
        return { message: `the configure job ended with result '${str(job.jobResult) ?? 'unknown'}'` };
    if (errors.length === 1)
        return { code: str(errors[0].code), message: str(errors[0].message) };
    return { message: errors.map((e) => [str(e.code), str(e.message)].filter(Boolean).join(': ')).join('; ') };
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

;// CONCATENATED MODULE: ./src/input-helper.ts
/**
 * The single reader of inputs: defaults, normalising and validation, into one GoLiveSettings.
 * It throws an InputError naming the input before anything touches the network.
 */





/** Publisher and offer IDs: letters, digits, `-`, `_`, `.`; never `/ ? # ..` since they go in paths. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const API_VERSION_PATTERN = /^\d{4}-\d{2}-\d{2}(-[A-Za-z0-9]+)?$/;
const readInput = getInput;
function getSettings(read = readInput) {
    // Mask first: nothing below may log these, and no message may leak them either.
    for (const name of ['token', 'client-secret']) {
        const secret = read(name).trim();
        if (secret)
            setSecret(secret);
    }
    const api = oneOf(read, 'api', ['cpp', 'product-ingestion'], 'cpp');
    const publisherId = read('publisher-id').trim();
    const offerId = read('offer-id').trim();
    let productId = read('product-id').trim();
    if (api === 'cpp') {
        requireId('publisher-id', publisherId, "a publisher ID such as 'contoso'");
        requireId('offer-id', offerId, "an offer ID such as 'contoso-offer'");
        if (productId)
            warning("Input 'product-id' is ignored: it belongs to api: product-ingestion");
        productId = '';
    }
    else {
        if (!productId) {
            throw new InputError('product-id', "is required with api: product-ingestion (the product's durable ID, a GUID)");
        }
        productId = productId.replace(/^product\//i, '');
        if (!GUID_PATTERN.test(productId)) {
            throw new InputError('product-id', `must be a GUID, optionally prefixed with 'product/'; got '${read('product-id').trim()}'`);
        }
        for (const name of ['publisher-id', 'offer-id']) {
            if (read(name).trim())
                warning(`Input '${name}' is ignored: it belongs to api: cpp`);
        }
    }
    const baseUrl = readBaseUrl(read, api);
    const apiVersion = read('api-version').trim() || DEFAULT_API_VERSION[api];
    if (!API_VERSION_PATTERN.test(apiVersion)) {
        throw new InputError('api-version', `must look like ${DEFAULT_API_VERSION[api]}; got '${apiVersion}'`);
    }
    const auth = readAuth(read);
    const timeoutMs = readDuration(read, 'timeout', '60m');
    const pollIntervalMs = readDuration(read, 'poll-interval', '60s');
    if (pollIntervalMs < MIN_POLL_INTERVAL_MS) {
        throw new InputError('poll-interval', `must be at least 1s; got '${read('poll-interval').trim()}'`);
    }
    const operationLocation = read('operation-location').trim();
    if (operationLocation) {
        try {
            resolveLocation(baseUrl, operationLocation);
        }
        catch (err) {
            if (err instanceof ProtocolError)
                throw new InputError('operation-location', `is not usable: ${err.message}`);
            throw new InputError('operation-location', `is not a relative path or a URL: '${operationLocation}'`);
        }
    }
    const settings = {
        api,
        publisherId,
        offerId,
        productId,
        auth,
        baseUrl,
        apiVersion,
        wait: readBoolean(read, 'wait', true),
        timeoutMs,
        pollIntervalMs,
        onTimeout: oneOf(read, 'on-timeout', ['fail', 'warn', 'cancel'], 'fail'),
        onCancel: oneOf(read, 'on-cancel', ['leave', 'cancel'], 'leave'),
        operationLocation,
        dryRun: readBoolean(read, 'dry-run', false)
    };
    debug(`settings: api=${api} target=${api === 'cpp' ? `${publisherId}/${offerId}` : productId} auth=${auth.kind} ` +
        `base-url=${baseUrl} api-version=${apiVersion} wait=${settings.wait} timeout=${timeoutMs}ms ` +
        `poll-interval=${pollIntervalMs}ms on-timeout=${settings.onTimeout} on-cancel=${settings.onCancel} ` +
        `dry-run=${settings.dryRun}${operationLocation ? ` operation-location=${operationLocation}` : ''}`);
    return settings;
}
function requireId(name, value, example) {
    if (!value)
        throw new InputError(name, `is required with api: cpp (${example})`);
    if (!ID_PATTERN.test(value) || value.includes('..')) {
        throw new InputError(name, `must be letters, digits, '-', '_' or '.' (no '/', '?', '#' or '..'), at most 100 characters; got '${value}'`);
    }
}
function oneOf(read, name, allowed, fallback) {
    const value = read(name).trim();
    if (!value)
        return fallback;
    if (!allowed.includes(value)) {
        throw new InputError(name, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}; got '${value}'`);
    }
    return value;
}
function readBoolean(read, name, fallback) {
    const value = read(name).trim();
    if (!value)
        return fallback;
    // The YAML 1.2 core schema spellings, as core.getBooleanInput accepts.
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new InputError(name, `must be 'true' or 'false'; got '${value}'`);
}
function readDuration(read, name, fallback) {
    const value = read(name).trim() || fallback;
    const ms = parseDuration(value);
    if (ms === undefined || ms <= 0) {
        throw new InputError(name, `must be a positive duration such as '90s', '45m', '6h', '2d' or a bare number of minutes; got '${value}'`);
    }
    return ms;
}
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
function readBaseUrl(read, api) {
    const value = read('base-url').trim();
    return value ? readUrl('base-url', value) : DEFAULT_BASE_URL[api];
}
function readAuth(read) {
    const token = read('token').trim();
    const tenantId = read('tenant-id').trim();
    const clientId = read('client-id').trim();
    const clientSecret = read('client-secret').trim();
    const given = [
        ['token', token],
        ['tenant-id', tenantId],
        ['client-id', clientId],
        ['client-secret', clientSecret]
    ]
        .filter(([, v]) => v)
        .map(([n]) => `'${n}'`);
    const forms = "give exactly one of: 'token'; 'tenant-id' + 'client-id' + 'client-secret'; 'tenant-id' + 'client-id' (GitHub OIDC)";
    if (token) {
        if (tenantId || clientId || clientSecret) {
            throw new InputError('token', `cannot be combined with ${given.filter((g) => g !== "'token'").join(', ')}: ${forms}`);
        }
        if (/\s/.test(token))
            throw new InputError('token', "must be the bare token, without 'Bearer ' or spaces");
        return { kind: 'token', token };
    }
    if (!tenantId && !clientId) {
        if (clientSecret)
            throw new InputError('client-secret', `needs 'tenant-id' and 'client-id': ${forms}`);
        throw new InputError('token', `is missing and no other credentials were given: ${forms}`);
    }
    if (!tenantId)
        throw new InputError('tenant-id', `is required with 'client-id': ${forms}`);
    if (!clientId)
        throw new InputError('client-id', `is required with 'tenant-id': ${forms}`);
    if (!GUID_PATTERN.test(tenantId) && !DOMAIN_PATTERN.test(tenantId)) {
        throw new InputError('tenant-id', `must be a GUID or a domain such as contoso.onmicrosoft.com; got '${tenantId}'`);
    }
    if (!GUID_PATTERN.test(clientId)) {
        throw new InputError('client-id', `must be the app registration's Application (client) ID, a GUID; got '${clientId}'`);
    }
    const authorityHost = readUrl('authority-host', read('authority-host').trim() || DEFAULT_AUTHORITY_HOST);
    if (clientSecret)
        return { kind: 'client-secret', tenantId, clientId, clientSecret, authorityHost };
    return { kind: 'oidc', tenantId, clientId, authorityHost };
}

;// CONCATENATED MODULE: ./src/report.ts



/** @actions/core is loaded on first use, after the first request (see workflow-commands.ts). */
const loadCore = () => Promise.all(/* import() */[__nccwpck_require__.e(942), __nccwpck_require__.e(143)]).then(__nccwpck_require__.bind(__nccwpck_require__, 143));
const runnerLogger = { debug: debug, info: info, warning: warning };
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
    for (const line of lines)
        info(stripControl(line));
    info(`::${token}::`);
}
/** One line per step, for the log. */
function describeStep(step) {
    const progress = step.progress !== undefined ? ` ${step.progress}%` : '';
    const message = step.message ? ` - ${truncate(step.message, 300)}` : '';
    return `${step.name}: ${step.status || 'unknown'}${progress}${message}`;
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
            lines.push(`${stamp} operation ${snapshot.rawStatus || '(no status)'}`);
            this.lastStatus = snapshot.rawStatus;
        }
        snapshot.steps.forEach((step, index) => {
            const key = `${index}:${step.name}`;
            const text = describeStep(step);
            if (this.lastSteps.get(key) !== text) {
                this.lastSteps.set(key, text);
                lines.push(`${stamp}   ${text}`);
            }
        });
        logUntrusted(lines);
    }
}
/** Writes every known output; called as soon as values are known and again at the end. */
async function setOutputs(outputs) {
    const core = await loadCore();
    if (outputs.result)
        core.setOutput('result', outputs.result);
    if (outputs.operationLocation)
        core.setOutput('operation-location', outputs.operationLocation);
    if (outputs.operationId)
        core.setOutput('operation-id', outputs.operationId);
    if (outputs.operationStatus !== undefined)
        core.setOutput('operation-status', outputs.operationStatus);
    if (outputs.operation !== undefined)
        core.setOutput('operation', JSON.stringify(outputs.operation));
}
const RESULT_ICON = {
    succeeded: '✅',
    started: '🚀',
    ready: '✅',
    'not-ready': '⛔',
    failed: '❌',
    canceled: '🛑',
    'timed-out': '⏱️'
};
/** The job summary: offer, result, elapsed time, operation and a table of its steps. */
function renderSummary(data) {
    const rows = [
        ['Target', escapeHtml(data.target)],
        ['API', escapeHtml(data.api)],
        ['Result', data.result ? `${RESULT_ICON[data.result]} <b>${data.result}</b>` : 'unknown'],
        ['Elapsed', formatDuration(data.elapsedMs)]
    ];
    if (data.operationStatus !== undefined)
        rows.push(['Operation status', `<code>${escapeHtml(data.operationStatus)}</code>`]);
    if (data.operationLocation)
        rows.push(['Operation', `<code>${escapeHtml(data.operationLocation)}</code>`]);
    const lines = [
        `<h2>Marketplace go-live: ${escapeHtml(data.target)}</h2>`,
        `<p>${escapeHtml(data.headline)}</p>`,
        '<table>',
        ...rows.map(([k, v]) => `<tr><th align="left">${k}</th><td>${v}</td></tr>`),
        '</table>'
    ];
    if (data.notes.length) {
        lines.push('<ul>', ...data.notes.map((n) => `<li>${escapeHtml(n)}</li>`), '</ul>');
    }
    if (data.steps.length) {
        lines.push('<h3>Steps</h3>', '<table>', '<tr><th>Step</th><th>Status</th><th>Progress</th><th>Estimated time</th><th>Latest message</th></tr>', ...data.steps.map((s) => `<tr><td>${escapeHtml(s.name)}</td><td>${escapeHtml(s.status)}</td>` +
            `<td>${s.progress !== undefined ? `${s.progress}%` : ''}</td>` +
            `<td>${escapeHtml(s.estimate ?? '')}</td><td>${escapeHtml(truncate(s.message ?? '', 500))}</td></tr>`), '</table>');
    }
    return `${lines.join('\n')}\n`;
}
async function writeSummary(data) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    try {
        const core = await loadCore();
        await core.summary.addRaw(renderSummary(data)).write();
    }
    catch (err) {
        warning(`Could not write the job summary: ${err.message}`);
    }
}
/** Fails the step: an error annotation and exit code 1. `##[` is broken up since API text may be in it. */
async function setFailed(message) {
    const core = await loadCore();
    core.setFailed(defuseLegacyCommands(message));
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
/** After on-timeout: cancel, how long the operation is followed to see the cancellation land. */
const CANCEL_FOLLOW_MAX_MS = 180_000;
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
    try {
        const settings = getSettings();
        dryRun = settings.dryRun;
        const tokens = createTokenProvider(settings.auth, settings.api, clock, runnerLogger);
        const api = new ApiClient(settings.baseUrl, tokens, clock, runnerLogger);
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
        await (settings.dryRun ? checkReadiness(goLiveRun) : goLive(goLiveRun));
    }
    catch (error) {
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
    await setOutputs(state.outputs);
    if (state.target) {
        await writeSummary({
            api: state.api,
            target: state.target,
            result: state.outputs.result,
            headline: state.headline,
            elapsedMs: clock.now() - startedAt,
            operationLocation: state.outputs.operationLocation,
            operationStatus: state.outputs.operationStatus,
            notes: state.notes,
            steps: state.steps
        });
    }
    if (state.warning)
        warning(defuseLegacyCommands(state.warning));
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
async function startOrResume({ settings, backend, context, state }) {
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
        return { operation: started.operation, firstPollAfterMs: started.retryAfterMs };
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
    const { operation, firstPollAfterMs } = await startOrResume(goLiveRun);
    // The location is the whole resume state: publish it before anything can go wrong.
    state.outputs.operationLocation = operation.location;
    state.outputs.operationId = operation.id;
    state.failureContext = { ...state.failureContext, operationLocation: operation.location };
    await setOutputs({ operationLocation: operation.location, operationId: operation.id });
    info(`Operation: ${operation.location}`);
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
        firstPollAfterMs,
        deadline: context.deadline,
        signal: context.signal,
        isTransient,
        onSnapshot: (snapshot) => {
            record(state, snapshot);
            progress.update(snapshot, clock.now());
        },
        onTransientError: (error) => logUntrusted([`A status check failed and will be retried at the next poll: ${error.message}`])
    });
    const elapsed = formatDuration(clock.now() - startedAt);
    const snapshot = waited.snapshot;
    const rawStatus = snapshot?.rawStatus || 'unknown';
    const resumeHint = `Resume with operation-location: ${operation.location}`;
    switch (waited.outcome) {
        case 'succeeded':
            state.outputs.result = 'succeeded';
            state.headline = `Went live after ${elapsed}: ${backend.target} (operation status '${rawStatus}').`;
            info(`Succeeded: ${backend.target} is live (operation status '${rawStatus}', ${elapsed}).`);
            return;
        case 'failed': {
            state.outputs.result = 'failed';
            const error = snapshot?.error;
            const failedStep = snapshot?.steps.find((s) => /fail|reject/i.test(s.status));
            state.failure =
                `The go-live of ${backend.target} failed after ${elapsed} (status '${rawStatus}')` +
                    `${error ? `: ${clause([error.code, error.message].filter(Boolean).join(' '))}` : ''}` +
                    `${failedStep ? `. Failed step: ${failedStep.name}${failedStep.message ? ` - ${clause(failedStep.message)}` : ''}` : ''}` +
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
            const what = `The go-live of ${backend.target} did not finish within ${formatDuration(settings.timeoutMs)} (last status '${rawStatus}'${lastFailure})`;
            if (settings.onTimeout === 'warn') {
                state.warning = `${what}. It goes on remotely. ${resumeHint}`;
                state.headline = state.warning;
            }
            else if (settings.onTimeout === 'cancel') {
                const followMs = Math.min(CANCEL_FOLLOW_MAX_MS, Math.max(5_000, 2 * settings.pollIntervalMs));
                const cancel = await cancelRemotely(goLiveRun, operation, 'on-timeout: cancel', clock.now() + followMs, followMs);
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
 * Asks the API to cancel, then (for `followMs`) follows the operation to see the cancellation land.
 * Sets result `canceled` once the API accepted, unless the operation is then seen to have ended
 * otherwise (`settled`); the summary is a sentence for the failure message.
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
    const followed = await waitForOperation({
        poll: (pollSignal) => backend.poll(operation, { deadline, signal: pollSignal }),
        clock,
        pollIntervalMs: Math.min(settings.pollIntervalMs, followMs / 2),
        deadline,
        signal,
        isTransient,
        onSnapshot: (snapshot) => record(state, snapshot)
    });
    const now = followed.snapshot ? `; the operation now reports '${followed.snapshot.rawStatus}'` : '';
    const summary = `${why} - ${clause(cancel.message)}${now}.`;
    // CPP answers 202 even when nothing was cancelled: what the operation then reports decides.
    if (followed.outcome === 'succeeded' || followed.outcome === 'failed') {
        state.outputs.result = followed.outcome;
        return { accepted: true, summary, settled: followed.outcome };
    }
    return { accepted: true, summary };
}
/** Keeps what the outputs and the summary show in step with the last document read. */
function record(state, snapshot) {
    state.outputs.operationStatus = snapshot.rawStatus;
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