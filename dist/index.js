import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 770:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

module.exports = __nccwpck_require__(837);


/***/ }),

/***/ 837:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;


var net = __nccwpck_require__(278);
var tls = __nccwpck_require__(756);
var http = __nccwpck_require__(611);
var https = __nccwpck_require__(692);
var events = __nccwpck_require__(434);
var assert = __nccwpck_require__(613);
var util = __nccwpck_require__(23);


exports.httpOverHttp = httpOverHttp;
exports.httpsOverHttp = httpsOverHttp;
exports.httpOverHttps = httpOverHttps;
exports.httpsOverHttps = httpsOverHttps;


function httpOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  return agent;
}

function httpsOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}

function httpOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  return agent;
}

function httpsOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}


function TunnelingAgent(options) {
  var self = this;
  self.options = options || {};
  self.proxyOptions = self.options.proxy || {};
  self.maxSockets = self.options.maxSockets || http.Agent.defaultMaxSockets;
  self.requests = [];
  self.sockets = [];

  self.on('free', function onFree(socket, host, port, localAddress) {
    var options = toOptions(host, port, localAddress);
    for (var i = 0, len = self.requests.length; i < len; ++i) {
      var pending = self.requests[i];
      if (pending.host === options.host && pending.port === options.port) {
        // Detect the request to connect same origin server,
        // reuse the connection.
        self.requests.splice(i, 1);
        pending.request.onSocket(socket);
        return;
      }
    }
    socket.destroy();
    self.removeSocket(socket);
  });
}
util.inherits(TunnelingAgent, events.EventEmitter);

TunnelingAgent.prototype.addRequest = function addRequest(req, host, port, localAddress) {
  var self = this;
  var options = mergeOptions({request: req}, self.options, toOptions(host, port, localAddress));

  if (self.sockets.length >= this.maxSockets) {
    // We are over limit so we'll add it to the queue.
    self.requests.push(options);
    return;
  }

  // If we are under maxSockets create a new one.
  self.createSocket(options, function(socket) {
    socket.on('free', onFree);
    socket.on('close', onCloseOrRemove);
    socket.on('agentRemove', onCloseOrRemove);
    req.onSocket(socket);

    function onFree() {
      self.emit('free', socket, options);
    }

    function onCloseOrRemove(err) {
      self.removeSocket(socket);
      socket.removeListener('free', onFree);
      socket.removeListener('close', onCloseOrRemove);
      socket.removeListener('agentRemove', onCloseOrRemove);
    }
  });
};

TunnelingAgent.prototype.createSocket = function createSocket(options, cb) {
  var self = this;
  var placeholder = {};
  self.sockets.push(placeholder);

  var connectOptions = mergeOptions({}, self.proxyOptions, {
    method: 'CONNECT',
    path: options.host + ':' + options.port,
    agent: false,
    headers: {
      host: options.host + ':' + options.port
    }
  });
  if (options.localAddress) {
    connectOptions.localAddress = options.localAddress;
  }
  if (connectOptions.proxyAuth) {
    connectOptions.headers = connectOptions.headers || {};
    connectOptions.headers['Proxy-Authorization'] = 'Basic ' +
        new Buffer(connectOptions.proxyAuth).toString('base64');
  }

  debug('making CONNECT request');
  var connectReq = self.request(connectOptions);
  connectReq.useChunkedEncodingByDefault = false; // for v0.6
  connectReq.once('response', onResponse); // for v0.6
  connectReq.once('upgrade', onUpgrade);   // for v0.6
  connectReq.once('connect', onConnect);   // for v0.7 or later
  connectReq.once('error', onError);
  connectReq.end();

  function onResponse(res) {
    // Very hacky. This is necessary to avoid http-parser leaks.
    res.upgrade = true;
  }

  function onUpgrade(res, socket, head) {
    // Hacky.
    process.nextTick(function() {
      onConnect(res, socket, head);
    });
  }

  function onConnect(res, socket, head) {
    connectReq.removeAllListeners();
    socket.removeAllListeners();

    if (res.statusCode !== 200) {
      debug('tunneling socket could not be established, statusCode=%d',
        res.statusCode);
      socket.destroy();
      var error = new Error('tunneling socket could not be established, ' +
        'statusCode=' + res.statusCode);
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    if (head.length > 0) {
      debug('got illegal response body from proxy');
      socket.destroy();
      var error = new Error('got illegal response body from proxy');
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    debug('tunneling connection has established');
    self.sockets[self.sockets.indexOf(placeholder)] = socket;
    return cb(socket);
  }

  function onError(cause) {
    connectReq.removeAllListeners();

    debug('tunneling socket could not be established, cause=%s\n',
          cause.message, cause.stack);
    var error = new Error('tunneling socket could not be established, ' +
                          'cause=' + cause.message);
    error.code = 'ECONNRESET';
    options.request.emit('error', error);
    self.removeSocket(placeholder);
  }
};

TunnelingAgent.prototype.removeSocket = function removeSocket(socket) {
  var pos = this.sockets.indexOf(socket)
  if (pos === -1) {
    return;
  }
  this.sockets.splice(pos, 1);

  var pending = this.requests.shift();
  if (pending) {
    // If we have pending requests and a socket gets closed a new one
    // needs to be created to take over in the pool for the one that closed.
    this.createSocket(pending, function(socket) {
      pending.request.onSocket(socket);
    });
  }
};

function createSecureSocket(options, cb) {
  var self = this;
  TunnelingAgent.prototype.createSocket.call(self, options, function(socket) {
    var hostHeader = options.request.getHeader('host');
    var tlsOptions = mergeOptions({}, self.options, {
      socket: socket,
      servername: hostHeader ? hostHeader.replace(/:.*$/, '') : options.host
    });

    // 0 is dummy port for v0.6
    var secureSocket = tls.connect(0, tlsOptions);
    self.sockets[self.sockets.indexOf(socket)] = secureSocket;
    cb(secureSocket);
  });
}


function toOptions(host, port, localAddress) {
  if (typeof host === 'string') { // since v0.10
    return {
      host: host,
      port: port,
      localAddress: localAddress
    };
  }
  return host; // for v0.11 or later
}

function mergeOptions(target) {
  for (var i = 1, len = arguments.length; i < len; ++i) {
    var overrides = arguments[i];
    if (typeof overrides === 'object') {
      var keys = Object.keys(overrides);
      for (var j = 0, keyLen = keys.length; j < keyLen; ++j) {
        var k = keys[j];
        if (overrides[k] !== undefined) {
          target[k] = overrides[k];
        }
      }
    }
  }
  return target;
}


var debug;
if (process.env.NODE_DEBUG && /\btunnel\b/.test(process.env.NODE_DEBUG)) {
  debug = function() {
    var args = Array.prototype.slice.call(arguments);
    if (typeof args[0] === 'string') {
      args[0] = 'TUNNEL: ' + args[0];
    } else {
      args.unshift('TUNNEL:');
    }
    console.error.apply(console, args);
  }
} else {
  debug = function() {};
}
__webpack_unused_export__ = debug; // for test


/***/ }),

/***/ 218:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _common_process_signals_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(864);
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(239);


await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)((0,_common_process_signals_js__WEBPACK_IMPORTED_MODULE_1__/* .cancelOnSignals */ .d)());
// Requests abandoned by a timeout or a cancellation may still hold sockets: the step is over, so exit now.
process.exit(process.exitCode ?? 0);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 239:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  e: () => (/* binding */ main_run)
});

;// CONCATENATED MODULE: external "os"
const external_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function utils_toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function utils_toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function command_issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_namespaceObject.EOL);
}
function command_issue(name, message = '') {
    command_issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
;// CONCATENATED MODULE: external "crypto"
const external_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");
;// CONCATENATED MODULE: external "fs"
const external_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function file_command_issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_namespaceObject.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_namespaceObject.appendFileSync(filePath, `${utils_toCommandValue(message)}${external_os_namespaceObject.EOL}`, {
        encoding: 'utf8'
    });
}
function file_command_prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_namespaceObject.randomUUID()}`;
    const convertedValue = utils_toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_os_namespaceObject.EOL}${convertedValue}${external_os_namespaceObject.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
;// CONCATENATED MODULE: external "path"
const external_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");
// EXTERNAL MODULE: external "http"
var external_http_ = __nccwpck_require__(611);
var external_http_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_http_, 2);
// EXTERNAL MODULE: external "https"
var external_https_ = __nccwpck_require__(692);
var external_https_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_https_, 2);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/proxy.js
function getProxyUrl(reqUrl) {
    const usingSsl = reqUrl.protocol === 'https:';
    if (checkBypass(reqUrl)) {
        return undefined;
    }
    const proxyVar = (() => {
        if (usingSsl) {
            return process.env['https_proxy'] || process.env['HTTPS_PROXY'];
        }
        else {
            return process.env['http_proxy'] || process.env['HTTP_PROXY'];
        }
    })();
    if (proxyVar) {
        try {
            return new DecodedURL(proxyVar);
        }
        catch (_a) {
            if (!proxyVar.startsWith('http://') && !proxyVar.startsWith('https://'))
                return new DecodedURL(`http://${proxyVar}`);
        }
    }
    else {
        return undefined;
    }
}
function checkBypass(reqUrl) {
    if (!reqUrl.hostname) {
        return false;
    }
    const reqHost = reqUrl.hostname;
    if (isLoopbackAddress(reqHost)) {
        return true;
    }
    const noProxy = process.env['no_proxy'] || process.env['NO_PROXY'] || '';
    if (!noProxy) {
        return false;
    }
    // Determine the request port
    let reqPort;
    if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
    }
    else if (reqUrl.protocol === 'http:') {
        reqPort = 80;
    }
    else if (reqUrl.protocol === 'https:') {
        reqPort = 443;
    }
    // Format the request hostname and hostname with port
    const upperReqHosts = [reqUrl.hostname.toUpperCase()];
    if (typeof reqPort === 'number') {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
    }
    // Compare request host against noproxy
    for (const upperNoProxyItem of noProxy
        .split(',')
        .map(x => x.trim().toUpperCase())
        .filter(x => x)) {
        if (upperNoProxyItem === '*' ||
            upperReqHosts.some(x => x === upperNoProxyItem ||
                x.endsWith(`.${upperNoProxyItem}`) ||
                (upperNoProxyItem.startsWith('.') &&
                    x.endsWith(`${upperNoProxyItem}`)))) {
            return true;
        }
    }
    return false;
}
function isLoopbackAddress(host) {
    const hostLower = host.toLowerCase();
    return (hostLower === 'localhost' ||
        hostLower.startsWith('127.') ||
        hostLower.startsWith('[::1]') ||
        hostLower.startsWith('[0:0:0:0:0:0:0:1]'));
}
class DecodedURL extends URL {
    constructor(url, base) {
        super(url, base);
        this._decodedUsername = decodeURIComponent(super.username);
        this._decodedPassword = decodeURIComponent(super.password);
    }
    get username() {
        return this._decodedUsername;
    }
    get password() {
        return this._decodedPassword;
    }
}
//# sourceMappingURL=proxy.js.map
// EXTERNAL MODULE: ./node_modules/tunnel/index.js
var tunnel = __nccwpck_require__(770);
;// CONCATENATED MODULE: ./stubs/not-bundled.js
// What a module left out of dist/ does when it is reached after all: fail loudly, never stand in for it quietly.
function notBundled(what) {
  throw new Error(
    `${what} was left out of this bundle (see stubs/ and "paths" in tsconfig.json), yet something called it: this is a bug in arcgis-k8s-restart, please report it.`
  )
}

;// CONCATENATED MODULE: ./stubs/undici.js
// Bundled in place of undici (about 930 KB): @actions/http-client imports ProxyAgent at the top of its module, but
// builds one only in getAgentDispatcher(), for callers that bring their own fetch. The action's requests go through
// HttpClient.request(), whose proxy path is tunnel's CONNECT agent.


class ProxyAgent {
  constructor() {
    notBundled("undici's ProxyAgent")
  }
}

;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/index.js
/* eslint-disable @typescript-eslint/no-explicit-any */
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};





var HttpCodes;
(function (HttpCodes) {
    HttpCodes[HttpCodes["OK"] = 200] = "OK";
    HttpCodes[HttpCodes["MultipleChoices"] = 300] = "MultipleChoices";
    HttpCodes[HttpCodes["MovedPermanently"] = 301] = "MovedPermanently";
    HttpCodes[HttpCodes["ResourceMoved"] = 302] = "ResourceMoved";
    HttpCodes[HttpCodes["SeeOther"] = 303] = "SeeOther";
    HttpCodes[HttpCodes["NotModified"] = 304] = "NotModified";
    HttpCodes[HttpCodes["UseProxy"] = 305] = "UseProxy";
    HttpCodes[HttpCodes["SwitchProxy"] = 306] = "SwitchProxy";
    HttpCodes[HttpCodes["TemporaryRedirect"] = 307] = "TemporaryRedirect";
    HttpCodes[HttpCodes["PermanentRedirect"] = 308] = "PermanentRedirect";
    HttpCodes[HttpCodes["BadRequest"] = 400] = "BadRequest";
    HttpCodes[HttpCodes["Unauthorized"] = 401] = "Unauthorized";
    HttpCodes[HttpCodes["PaymentRequired"] = 402] = "PaymentRequired";
    HttpCodes[HttpCodes["Forbidden"] = 403] = "Forbidden";
    HttpCodes[HttpCodes["NotFound"] = 404] = "NotFound";
    HttpCodes[HttpCodes["MethodNotAllowed"] = 405] = "MethodNotAllowed";
    HttpCodes[HttpCodes["NotAcceptable"] = 406] = "NotAcceptable";
    HttpCodes[HttpCodes["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
    HttpCodes[HttpCodes["RequestTimeout"] = 408] = "RequestTimeout";
    HttpCodes[HttpCodes["Conflict"] = 409] = "Conflict";
    HttpCodes[HttpCodes["Gone"] = 410] = "Gone";
    HttpCodes[HttpCodes["TooManyRequests"] = 429] = "TooManyRequests";
    HttpCodes[HttpCodes["InternalServerError"] = 500] = "InternalServerError";
    HttpCodes[HttpCodes["NotImplemented"] = 501] = "NotImplemented";
    HttpCodes[HttpCodes["BadGateway"] = 502] = "BadGateway";
    HttpCodes[HttpCodes["ServiceUnavailable"] = 503] = "ServiceUnavailable";
    HttpCodes[HttpCodes["GatewayTimeout"] = 504] = "GatewayTimeout";
})(HttpCodes || (HttpCodes = {}));
var Headers;
(function (Headers) {
    Headers["Accept"] = "accept";
    Headers["ContentType"] = "content-type";
})(Headers || (Headers = {}));
var MediaTypes;
(function (MediaTypes) {
    MediaTypes["ApplicationJson"] = "application/json";
})(MediaTypes || (MediaTypes = {}));
/**
 * Returns the proxy URL, depending upon the supplied url and proxy environment variables.
 * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
 */
function lib_getProxyUrl(serverUrl) {
    const proxyUrl = pm.getProxyUrl(new URL(serverUrl));
    return proxyUrl ? proxyUrl.href : '';
}
const HttpRedirectCodes = [
    HttpCodes.MovedPermanently,
    HttpCodes.ResourceMoved,
    HttpCodes.SeeOther,
    HttpCodes.TemporaryRedirect,
    HttpCodes.PermanentRedirect
];
const HttpResponseRetryCodes = [
    HttpCodes.BadGateway,
    HttpCodes.ServiceUnavailable,
    HttpCodes.GatewayTimeout
];
const RetryableHttpVerbs = ['OPTIONS', 'GET', 'DELETE', 'HEAD'];
const ExponentialBackoffCeiling = 10;
const ExponentialBackoffTimeSlice = 5;
class HttpClientError extends Error {
    constructor(message, statusCode) {
        super(message);
        this.name = 'HttpClientError';
        this.statusCode = statusCode;
        Object.setPrototypeOf(this, HttpClientError.prototype);
    }
}
class HttpClientResponse {
    constructor(message) {
        this.message = message;
    }
    readBody() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                let output = Buffer.alloc(0);
                this.message.on('data', (chunk) => {
                    output = Buffer.concat([output, chunk]);
                });
                this.message.on('end', () => {
                    resolve(output.toString());
                });
            }));
        });
    }
    readBodyBuffer() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                const chunks = [];
                this.message.on('data', (chunk) => {
                    chunks.push(chunk);
                });
                this.message.on('end', () => {
                    resolve(Buffer.concat(chunks));
                });
            }));
        });
    }
}
function isHttps(requestUrl) {
    const parsedUrl = new URL(requestUrl);
    return parsedUrl.protocol === 'https:';
}
class lib_HttpClient {
    constructor(userAgent, handlers, requestOptions) {
        this._ignoreSslError = false;
        this._allowRedirects = true;
        this._allowRedirectDowngrade = false;
        this._maxRedirects = 50;
        this._allowRetries = false;
        this._maxRetries = 1;
        this._keepAlive = false;
        this._disposed = false;
        this.userAgent = this._getUserAgentWithOrchestrationId(userAgent);
        this.handlers = handlers || [];
        this.requestOptions = requestOptions;
        if (requestOptions) {
            if (requestOptions.ignoreSslError != null) {
                this._ignoreSslError = requestOptions.ignoreSslError;
            }
            this._socketTimeout = requestOptions.socketTimeout;
            if (requestOptions.allowRedirects != null) {
                this._allowRedirects = requestOptions.allowRedirects;
            }
            if (requestOptions.allowRedirectDowngrade != null) {
                this._allowRedirectDowngrade = requestOptions.allowRedirectDowngrade;
            }
            if (requestOptions.maxRedirects != null) {
                this._maxRedirects = Math.max(requestOptions.maxRedirects, 0);
            }
            if (requestOptions.keepAlive != null) {
                this._keepAlive = requestOptions.keepAlive;
            }
            if (requestOptions.allowRetries != null) {
                this._allowRetries = requestOptions.allowRetries;
            }
            if (requestOptions.maxRetries != null) {
                this._maxRetries = requestOptions.maxRetries;
            }
        }
    }
    options(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('OPTIONS', requestUrl, null, additionalHeaders || {});
        });
    }
    get(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('GET', requestUrl, null, additionalHeaders || {});
        });
    }
    del(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('DELETE', requestUrl, null, additionalHeaders || {});
        });
    }
    post(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('POST', requestUrl, data, additionalHeaders || {});
        });
    }
    patch(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PATCH', requestUrl, data, additionalHeaders || {});
        });
    }
    put(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PUT', requestUrl, data, additionalHeaders || {});
        });
    }
    head(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('HEAD', requestUrl, null, additionalHeaders || {});
        });
    }
    sendStream(verb, requestUrl, stream, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request(verb, requestUrl, stream, additionalHeaders);
        });
    }
    /**
     * Gets a typed object from an endpoint
     * Be aware that not found returns a null.  Other errors (4xx, 5xx) reject the promise
     */
    getJson(requestUrl_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, additionalHeaders = {}) {
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            const res = yield this.get(requestUrl, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    postJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.post(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    putJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.put(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    patchJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.patch(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    /**
     * Makes a raw http request.
     * All other methods such as get, post, patch, and request ultimately call this.
     * Prefer get, del, post and patch
     */
    request(verb, requestUrl, data, headers) {
        return __awaiter(this, void 0, void 0, function* () {
            if (this._disposed) {
                throw new Error('Client has already been disposed.');
            }
            const parsedUrl = new URL(requestUrl);
            let info = this._prepareRequest(verb, parsedUrl, headers);
            // Only perform retries on reads since writes may not be idempotent.
            const maxTries = this._allowRetries && RetryableHttpVerbs.includes(verb)
                ? this._maxRetries + 1
                : 1;
            let numTries = 0;
            let response;
            do {
                response = yield this.requestRaw(info, data);
                // Check if it's an authentication challenge
                if (response &&
                    response.message &&
                    response.message.statusCode === HttpCodes.Unauthorized) {
                    let authenticationHandler;
                    for (const handler of this.handlers) {
                        if (handler.canHandleAuthentication(response)) {
                            authenticationHandler = handler;
                            break;
                        }
                    }
                    if (authenticationHandler) {
                        return authenticationHandler.handleAuthentication(this, info, data);
                    }
                    else {
                        // We have received an unauthorized response but have no handlers to handle it.
                        // Let the response return to the caller.
                        return response;
                    }
                }
                let redirectsRemaining = this._maxRedirects;
                while (response.message.statusCode &&
                    HttpRedirectCodes.includes(response.message.statusCode) &&
                    this._allowRedirects &&
                    redirectsRemaining > 0) {
                    const redirectUrl = response.message.headers['location'];
                    if (!redirectUrl) {
                        // if there's no location to redirect to, we won't
                        break;
                    }
                    const parsedRedirectUrl = new URL(redirectUrl);
                    if (parsedUrl.protocol === 'https:' &&
                        parsedUrl.protocol !== parsedRedirectUrl.protocol &&
                        !this._allowRedirectDowngrade) {
                        throw new Error('Redirect from HTTPS to HTTP protocol. This downgrade is not allowed for security reasons. If you want to allow this behavior, set the allowRedirectDowngrade option to true.');
                    }
                    // we need to finish reading the response before reassigning response
                    // which will leak the open socket.
                    yield response.readBody();
                    // strip authorization header if redirected to a different hostname
                    if (parsedRedirectUrl.hostname !== parsedUrl.hostname) {
                        for (const header in headers) {
                            // header names are case insensitive
                            if (header.toLowerCase() === 'authorization') {
                                delete headers[header];
                            }
                        }
                    }
                    // let's make the request with the new redirectUrl
                    info = this._prepareRequest(verb, parsedRedirectUrl, headers);
                    response = yield this.requestRaw(info, data);
                    redirectsRemaining--;
                }
                if (!response.message.statusCode ||
                    !HttpResponseRetryCodes.includes(response.message.statusCode)) {
                    // If not a retry code, return immediately instead of retrying
                    return response;
                }
                numTries += 1;
                if (numTries < maxTries) {
                    yield response.readBody();
                    yield this._performExponentialBackoff(numTries);
                }
            } while (numTries < maxTries);
            return response;
        });
    }
    /**
     * Needs to be called if keepAlive is set to true in request options.
     */
    dispose() {
        if (this._agent) {
            this._agent.destroy();
        }
        this._disposed = true;
    }
    /**
     * Raw request.
     * @param info
     * @param data
     */
    requestRaw(info, data) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => {
                function callbackForResult(err, res) {
                    if (err) {
                        reject(err);
                    }
                    else if (!res) {
                        // If `err` is not passed, then `res` must be passed.
                        reject(new Error('Unknown error'));
                    }
                    else {
                        resolve(res);
                    }
                }
                this.requestRawWithCallback(info, data, callbackForResult);
            });
        });
    }
    /**
     * Raw request with callback.
     * @param info
     * @param data
     * @param onResult
     */
    requestRawWithCallback(info, data, onResult) {
        if (typeof data === 'string') {
            if (!info.options.headers) {
                info.options.headers = {};
            }
            info.options.headers['Content-Length'] = Buffer.byteLength(data, 'utf8');
        }
        let callbackCalled = false;
        function handleResult(err, res) {
            if (!callbackCalled) {
                callbackCalled = true;
                onResult(err, res);
            }
        }
        const req = info.httpModule.request(info.options, (msg) => {
            const res = new HttpClientResponse(msg);
            handleResult(undefined, res);
        });
        let socket;
        req.on('socket', sock => {
            socket = sock;
        });
        // If we ever get disconnected, we want the socket to timeout eventually
        req.setTimeout(this._socketTimeout || 3 * 60000, () => {
            if (socket) {
                socket.end();
            }
            handleResult(new Error(`Request timeout: ${info.options.path}`));
        });
        req.on('error', function (err) {
            // err has statusCode property
            // res should have headers
            handleResult(err);
        });
        if (data && typeof data === 'string') {
            req.write(data, 'utf8');
        }
        if (data && typeof data !== 'string') {
            data.on('close', function () {
                req.end();
            });
            data.pipe(req);
        }
        else {
            req.end();
        }
    }
    /**
     * Gets an http agent. This function is useful when you need an http agent that handles
     * routing through a proxy server - depending upon the url and proxy environment variables.
     * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
     */
    getAgent(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        return this._getAgent(parsedUrl);
    }
    getAgentDispatcher(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (!useProxy) {
            return;
        }
        return this._getProxyAgentDispatcher(parsedUrl, proxyUrl);
    }
    _prepareRequest(method, requestUrl, headers) {
        const info = {};
        info.parsedUrl = requestUrl;
        const usingSsl = info.parsedUrl.protocol === 'https:';
        info.httpModule = usingSsl ? external_https_namespaceObject : external_http_namespaceObject;
        const defaultPort = usingSsl ? 443 : 80;
        info.options = {};
        info.options.host = info.parsedUrl.hostname;
        info.options.port = info.parsedUrl.port
            ? parseInt(info.parsedUrl.port)
            : defaultPort;
        info.options.path =
            (info.parsedUrl.pathname || '') + (info.parsedUrl.search || '');
        info.options.method = method;
        info.options.headers = this._mergeHeaders(headers);
        if (this.userAgent != null) {
            info.options.headers['user-agent'] = this.userAgent;
        }
        info.options.agent = this._getAgent(info.parsedUrl);
        // gives handlers an opportunity to participate
        if (this.handlers) {
            for (const handler of this.handlers) {
                handler.prepareRequest(info.options);
            }
        }
        return info;
    }
    _mergeHeaders(headers) {
        if (this.requestOptions && this.requestOptions.headers) {
            return Object.assign({}, lowercaseKeys(this.requestOptions.headers), lowercaseKeys(headers || {}));
        }
        return lowercaseKeys(headers || {});
    }
    /**
     * Gets an existing header value or returns a default.
     * Handles converting number header values to strings since HTTP headers must be strings.
     * Note: This returns string | string[] since some headers can have multiple values.
     * For headers that must always be a single string (like Content-Type), use the
     * specialized _getExistingOrDefaultContentTypeHeader method instead.
     */
    _getExistingOrDefaultHeader(additionalHeaders, header, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[header];
            if (headerValue) {
                clientHeader =
                    typeof headerValue === 'number' ? headerValue.toString() : headerValue;
            }
        }
        const additionalValue = additionalHeaders[header];
        if (additionalValue !== undefined) {
            return typeof additionalValue === 'number'
                ? additionalValue.toString()
                : additionalValue;
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    /**
     * Specialized version of _getExistingOrDefaultHeader for Content-Type header.
     * Always returns a single string (not an array) since Content-Type should be a single value.
     * Converts arrays to comma-separated strings and numbers to strings to ensure type safety.
     * This was split from _getExistingOrDefaultHeader to provide stricter typing for callers
     * that assign the result to places expecting a string (e.g., additionalHeaders[Headers.ContentType]).
     */
    _getExistingOrDefaultContentTypeHeader(additionalHeaders, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[Headers.ContentType];
            if (headerValue) {
                if (typeof headerValue === 'number') {
                    clientHeader = String(headerValue);
                }
                else if (Array.isArray(headerValue)) {
                    clientHeader = headerValue.join(', ');
                }
                else {
                    clientHeader = headerValue;
                }
            }
        }
        const additionalValue = additionalHeaders[Headers.ContentType];
        // Return the first non-undefined value, converting numbers or arrays to strings if necessary
        if (additionalValue !== undefined) {
            if (typeof additionalValue === 'number') {
                return String(additionalValue);
            }
            else if (Array.isArray(additionalValue)) {
                return additionalValue.join(', ');
            }
            else {
                return additionalValue;
            }
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    _getAgent(parsedUrl) {
        let agent;
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (this._keepAlive && useProxy) {
            agent = this._proxyAgent;
        }
        if (!useProxy) {
            agent = this._agent;
        }
        // if agent is already assigned use that agent.
        if (agent) {
            return agent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        let maxSockets = 100;
        if (this.requestOptions) {
            maxSockets = this.requestOptions.maxSockets || external_http_.globalAgent.maxSockets;
        }
        // This is `useProxy` again, but we need to check `proxyURl` directly for TypeScripts's flow analysis.
        if (proxyUrl && proxyUrl.hostname) {
            const agentOptions = {
                maxSockets,
                keepAlive: this._keepAlive,
                proxy: Object.assign(Object.assign({}, ((proxyUrl.username || proxyUrl.password) && {
                    proxyAuth: `${proxyUrl.username}:${proxyUrl.password}`
                })), { host: proxyUrl.hostname, port: proxyUrl.port })
            };
            let tunnelAgent;
            const overHttps = proxyUrl.protocol === 'https:';
            if (usingSsl) {
                tunnelAgent = overHttps ? tunnel.httpsOverHttps : tunnel.httpsOverHttp;
            }
            else {
                tunnelAgent = overHttps ? tunnel.httpOverHttps : tunnel.httpOverHttp;
            }
            agent = tunnelAgent(agentOptions);
            this._proxyAgent = agent;
        }
        // if tunneling agent isn't assigned create a new agent
        if (!agent) {
            const options = { keepAlive: this._keepAlive, maxSockets };
            agent = usingSsl ? new external_https_.Agent(options) : new external_http_.Agent(options);
            this._agent = agent;
        }
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            agent.options = Object.assign(agent.options || {}, {
                rejectUnauthorized: false
            });
        }
        return agent;
    }
    _getProxyAgentDispatcher(parsedUrl, proxyUrl) {
        let proxyAgent;
        if (this._keepAlive) {
            proxyAgent = this._proxyAgentDispatcher;
        }
        // if agent is already assigned use that agent.
        if (proxyAgent) {
            return proxyAgent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        proxyAgent = new ProxyAgent(Object.assign({ uri: proxyUrl.href, pipelining: !this._keepAlive ? 0 : 1 }, ((proxyUrl.username || proxyUrl.password) && {
            token: `Basic ${Buffer.from(`${proxyUrl.username}:${proxyUrl.password}`).toString('base64')}`
        })));
        this._proxyAgentDispatcher = proxyAgent;
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            proxyAgent.options = Object.assign(proxyAgent.options.requestTls || {}, {
                rejectUnauthorized: false
            });
        }
        return proxyAgent;
    }
    _getUserAgentWithOrchestrationId(userAgent) {
        const baseUserAgent = userAgent || 'actions/http-client';
        const orchId = process.env['ACTIONS_ORCHESTRATION_ID'];
        if (orchId) {
            // Sanitize the orchestration ID to ensure it contains only valid characters
            // Valid characters: 0-9, a-z, _, -, .
            const sanitizedId = orchId.replace(/[^a-z0-9_.-]/gi, '_');
            return `${baseUserAgent} actions_orchestration_id/${sanitizedId}`;
        }
        return baseUserAgent;
    }
    _performExponentialBackoff(retryNumber) {
        return __awaiter(this, void 0, void 0, function* () {
            retryNumber = Math.min(ExponentialBackoffCeiling, retryNumber);
            const ms = ExponentialBackoffTimeSlice * Math.pow(2, retryNumber);
            return new Promise(resolve => setTimeout(() => resolve(), ms));
        });
    }
    _processResponse(res, options) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => __awaiter(this, void 0, void 0, function* () {
                const statusCode = res.message.statusCode || 0;
                const response = {
                    statusCode,
                    result: null,
                    headers: {}
                };
                // not found leads to null obj returned
                if (statusCode === HttpCodes.NotFound) {
                    resolve(response);
                }
                // get the result from the body
                function dateTimeDeserializer(key, value) {
                    if (typeof value === 'string') {
                        const a = new Date(value);
                        if (!isNaN(a.valueOf())) {
                            return a;
                        }
                    }
                    return value;
                }
                let obj;
                let contents;
                try {
                    contents = yield res.readBody();
                    if (contents && contents.length > 0) {
                        if (options && options.deserializeDates) {
                            obj = JSON.parse(contents, dateTimeDeserializer);
                        }
                        else {
                            obj = JSON.parse(contents);
                        }
                        response.result = obj;
                    }
                    response.headers = res.message.headers;
                }
                catch (err) {
                    // Invalid resource (contents not json);  leaving result obj null
                }
                // note that 3xx redirects are handled by the http layer.
                if (statusCode > 299) {
                    let msg;
                    // if exception/error in body, attempt to get better error
                    if (obj && obj.message) {
                        msg = obj.message;
                    }
                    else if (contents && contents.length > 0) {
                        // it may be the case that the exception is in the body message as string
                        msg = contents;
                    }
                    else {
                        msg = `Failed request: (${statusCode})`;
                    }
                    const err = new HttpClientError(msg, statusCode);
                    err.result = response.result;
                    reject(err);
                }
                else {
                    resolve(response);
                }
            }));
        });
    }
}
const lowercaseKeys = (obj) => Object.keys(obj).reduce((c, k) => ((c[k.toLowerCase()] = obj[k]), c), {});
//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/auth.js
var auth_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
class BasicCredentialHandler {
    constructor(username, password) {
        this.username = username;
        this.password = password;
    }
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return auth_awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class auth_BearerCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Bearer ${this.token}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return auth_awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class PersonalAccessTokenCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`PAT:${this.token}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return auth_awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
//# sourceMappingURL=auth.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/oidc-utils.js
var oidc_utils_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



class oidc_utils_OidcClient {
    static createHttpClient(allowRetry = true, maxRetry = 10) {
        const requestOptions = {
            allowRetries: allowRetry,
            maxRetries: maxRetry
        };
        return new HttpClient('actions/oidc-client', [new BearerCredentialHandler(oidc_utils_OidcClient.getRequestToken())], requestOptions);
    }
    static getRequestToken() {
        const token = process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
        if (!token) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable');
        }
        return token;
    }
    static getIDTokenUrl() {
        const runtimeUrl = process.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
        if (!runtimeUrl) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable');
        }
        return runtimeUrl;
    }
    static getCall(id_token_url) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            var _a;
            const httpclient = oidc_utils_OidcClient.createHttpClient();
            const res = yield httpclient
                .getJson(id_token_url)
                .catch(error => {
                throw new Error(`Failed to get ID Token. \n 
        Error Code : ${error.statusCode}\n 
        Error Message: ${error.message}`);
            });
            const id_token = (_a = res.result) === null || _a === void 0 ? void 0 : _a.value;
            if (!id_token) {
                throw new Error('Response json body do not have ID Token field');
            }
            return id_token;
        });
    }
    static getIDToken(audience) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            try {
                // New ID Token is requested from action service
                let id_token_url = oidc_utils_OidcClient.getIDTokenUrl();
                if (audience) {
                    const encodedAudience = encodeURIComponent(audience);
                    id_token_url = `${id_token_url}&audience=${encodedAudience}`;
                }
                debug(`ID token url is ${id_token_url}`);
                const id_token = yield oidc_utils_OidcClient.getCall(id_token_url);
                setSecret(id_token);
                return id_token;
            }
            catch (error) {
                throw new Error(`Error message: ${error.message}`);
            }
        });
    }
}
//# sourceMappingURL=oidc-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/summary.js
var summary_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { access, appendFile, writeFile } = external_fs_namespaceObject.promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
const SUMMARY_DOCS_URL = 'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-job-summary';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return summary_awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, external_fs_namespaceObject.constants.R_OK | external_fs_namespaceObject.constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return summary_awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return summary_awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(external_os_namespaceObject.EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = (/* unused pure expression or super */ null && (_summary));
const summary_summary = _summary;
//# sourceMappingURL=summary.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/path-utils.js

/**
 * toPosixPath converts the given path to the posix form. On Windows, \\ will be
 * replaced with /.
 *
 * @param pth. Path to transform.
 * @return string Posix path.
 */
function toPosixPath(pth) {
    return pth.replace(/[\\]/g, '/');
}
/**
 * toWin32Path converts the given path to the win32 form. On Linux, / will be
 * replaced with \\.
 *
 * @param pth. Path to transform.
 * @return string Win32 path.
 */
function toWin32Path(pth) {
    return pth.replace(/[/]/g, '\\');
}
/**
 * toPlatformPath converts the given path to a platform-specific path. It does
 * this by replacing instances of / and \ with the platform-specific path
 * separator.
 *
 * @param pth The path to platformize.
 * @return string The platform-specific path.
 */
function toPlatformPath(pth) {
    return pth.replace(/[/\\]/g, path.sep);
}
//# sourceMappingURL=path-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/platform.js
var platform_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const getWindowsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout: version } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Version"', undefined, {
        silent: true
    });
    const { stdout: name } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Caption"', undefined, {
        silent: true
    });
    return {
        name: name.trim(),
        version: version.trim()
    };
});
const getMacOsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    var _a, _b, _c, _d;
    const { stdout } = yield exec.getExecOutput('sw_vers', undefined, {
        silent: true
    });
    const version = (_b = (_a = stdout.match(/ProductVersion:\s*(.+)/)) === null || _a === void 0 ? void 0 : _a[1]) !== null && _b !== void 0 ? _b : '';
    const name = (_d = (_c = stdout.match(/ProductName:\s*(.+)/)) === null || _c === void 0 ? void 0 : _c[1]) !== null && _d !== void 0 ? _d : '';
    return {
        name,
        version
    };
});
const getLinuxInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout } = yield exec.getExecOutput('lsb_release', ['-i', '-r', '-s'], {
        silent: true
    });
    const [name, version] = stdout.trim().split('\n');
    return {
        name,
        version
    };
});
const platform = external_os_namespaceObject.platform();
const arch = external_os_namespaceObject.arch();
const isWindows = platform === 'win32';
const isMacOS = platform === 'darwin';
const isLinux = platform === 'linux';
function getDetails() {
    return platform_awaiter(this, void 0, void 0, function* () {
        return Object.assign(Object.assign({}, (yield (isWindows
            ? getWindowsInfo()
            : isMacOS
                ? getMacOsInfo()
                : getLinuxInfo()))), { platform,
            arch,
            isWindows,
            isMacOS,
            isLinux });
    });
}
//# sourceMappingURL=platform.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/core.js
var core_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};






/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function core_setSecret(secret) {
    command_issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${path.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return file_command_issueFileCommand('OUTPUT', file_command_prepareKeyValueMessage(name, value));
    }
    process.stdout.write(external_os_namespaceObject.EOL);
    command_issueCommand('set-output', { name }, utils_toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function core_debug(message) {
    command_issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    command_issueCommand('error', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    command_issueCommand('warning', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + external_os_namespaceObject.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    command_issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    command_issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return core_awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return issueFileCommand('STATE', prepareKeyValueMessage(name, value));
    }
    issueCommand('save-state', { name }, toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return core_awaiter(this, void 0, void 0, function* () {
        return yield OidcClient.getIDToken(aud);
    });
}
/**
 * Summary exports
 */

/**
 * @deprecated use core.summary
 */

/**
 * Path exports
 */

/**
 * Platform utilities exports
 */

//# sourceMappingURL=core.js.map
;// CONCATENATED MODULE: ./src/common/secrets.ts
/**
 * Below this length a secret is redacted only where it stands as a whole word, and never in the address of a URL: a
 * short password such as `exam` would otherwise turn `gis.example.com` into `gis.***ple.com` in every line, and
 * `arcgis` would turn every `https://host/arcgis` into `https://host/***`. Tokens are never this short (the inputs
 * refuse one under MIN_TOKEN_LENGTH), and ArcGIS's own password policy asks for 8 characters by default; a shorter
 * password is still redacted wherever a server echoes it as a value (`password=abc,`, also in a URL's query).
 */
const WHOLE_WORD_BELOW = 8;
/**
 * The scheme, host and path of a URL, where the secrets are never put (they travel in bodies and headers). It ends
 * at any character that may start a parameter or a value (`?`, `&`, `;`, `,`, `=`, `|`, …), after which a secret
 * may follow.
 */
const URL_ADDRESS = /[a-z][a-z\d+.-]*:\/\/[^\s?#"'<>()&;,=|{}[\]\\^`]*/gi;
/**
 * The secrets of a run (token, password, generated tokens). Each is handed to `mask` (core.setSecret) the moment it
 * is known, and `redact` removes them from any text the action writes itself (outputs, summary, error messages).
 */
class Secrets {
    mask;
    values = new Set();
    constructor(mask) {
        this.mask = mask;
    }
    add(secret) {
        if (!secret || this.values.has(secret))
            return;
        this.values.add(secret);
        this.mask(secret);
    }
    redact(text) {
        let clean = text;
        for (const secret of this.values) {
            clean =
                secret.length < WHOLE_WORD_BELOW
                    ? redactWord(clean, secret)
                    : clean.split(secret).join('***');
        }
        return clean;
    }
}
/** `secret` redacted where it stands as a whole word, outside the addresses of URLs. */
function redactWord(text, secret) {
    const word = new RegExp(`(?<![\\p{L}\\p{N}])${secret.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
    let clean = '';
    let from = 0;
    for (const address of text.matchAll(URL_ADDRESS)) {
        // An address with user information may hold a password: it is redacted as any other text.
        if (address[0].includes('@'))
            continue;
        clean += text.slice(from, address.index).replace(word, '***') + address[0];
        from = address.index + address[0].length;
    }
    return clean + text.slice(from).replace(word, '***');
}
/**
 * A secret as CI systems and terminals hand it over: without a UTF-8 byte order mark (a file saved by Notepad) and
 * without the line endings after it (`echo "$PW" |` adds one to a value that may already end in one; Windows agents
 * and pasted secrets bring `\r\n` or a lone `\r`), as the action's inputs are trimmed by the runner.
 */
function withoutLineEndings(value) {
    return value.replace(/^\uFEFF/, '').replace(/(?:\r\n|\r|\n){1,2}$/, '');
}
const CONTROL_NAMES = {
    '\t': 'a tab',
    '\n': 'a line feed',
    '\r': 'a carriage return',
    '\u001b': 'an escape'
};
/**
 * Why `value` (a secret, or a variable named `what`) cannot be sent, if it holds a control character: no ArcGIS password or token
 * has one, and one left over from a paste gets "Invalid username or password" with no hint. Names the character and
 * its position, never the value.
 */
function controlCharacterProblem(what, value) {
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    const found = /[\u0000-\u001f\u007f-\u009f]/u.exec(value);
    if (!found)
        return undefined;
    const character = found[0];
    const code = `U+${character.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    const name = CONTROL_NAMES[character] ? `${CONTROL_NAMES[character]} (${code})` : code;
    return `${what} holds a control character, ${name}, at character ${found.index + 1}: no ArcGIS password, token, user name or URL has one; store the value again without it`;
}

;// CONCATENATED MODULE: ./src/common/vocabulary.ts
/** The action's words, which are also the inputs' names. */
const INPUT_VOCABULARY = {
    name: (setting) => setting,
    set: (setting, value) => `${setting}: ${value}`,
    separately: (setting) => `on its own line of ${setting}`,
    machine: 'the runner',
    outOfReach: "GitHub-hosted runners cannot reach private networks; run this job on a self-hosted runner inside the portal's network"
};

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./src/common/server-text.ts
/**
 * Text that a server sent (a job message, a deployment name, an error body, a version) or that came from a URL. It is
 * untrusted: a runner obeys workflow commands in its log (`::stop-commands::` at the start of a line, `##[add-mask]`
 * anywhere), Azure Pipelines obeys `##vso[…]` anywhere, and terminals obey escape sequences. So it is wrapped once,
 * where it is read, and every way of turning it into a string for people gives its printable form: line breaks,
 * control characters and escape sequences folded into visible text, those command markers broken, its length
 * bounded. Only `toJSON` (the outputs and the command's JSON, which are data) gives the text exactly, and so does
 * `raw`, for matching and for building request paths.
 */
class ServerText {
    raw;
    constructor(raw) {
        this.raw = raw;
    }
    /** The text as the server sent it, whitespace at both ends trimmed. */
    static of(raw) {
        return new ServerText(raw.trim());
    }
    /** A non-blank string wrapped, or undefined. */
    static from(value) {
        return typeof value === 'string' && value.trim() !== '' ? ServerText.of(value) : undefined;
    }
    /** The printable form, at most EXCERPT_LENGTH characters of the text followed by its length when longer. */
    toString() {
        return printable(this.raw);
    }
    toJSON() {
        return this.raw;
    }
    [Symbol.toPrimitive]() {
        return this.toString();
    }
}
/** How many texts of a list a sentence names before it says how many more there are. */
const LISTED_TEXTS = 10;
/** The texts joined by `separator`, the first LISTED_TEXTS of them: a server may send thousands of messages. */
function joinTexts(texts, separator) {
    const shown = texts.slice(0, LISTED_TEXTS).join(separator);
    const more = texts.length - LISTED_TEXTS;
    return more > 0 ? `${shown}${separator}… and ${more} more` : shown;
}
/** How much of a long server text a log line, an annotation or a table cell shows. */
const EXCERPT_LENGTH = 500;
const LINE_BREAK = /\r\n|[\n\r\u0085\u2028\u2029]/g;
/**
 * C0 and C1 controls (ESC, the single-byte CSI and OSC among them), DEL, and the Unicode bidirectional overrides that
 * make a terminal show text in another order than it is read.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** The runner's older command form and Azure Pipelines' logging commands, obeyed anywhere in a line. */
const COMMAND_MARKER = /##(?=\[|vso\[)/gi;
/** A workflow command: `::name::` at the start of a line, after any leading whitespace. */
const LEADING_COMMAND = /^(\s*):(?=:)/;
/**
 * `text` as one line of visible characters, safe in a log, a terminal and an annotation: a line break becomes ` ⏎ `,
 * another control character its escape (`\x1b`, `\u202e`), `##[`/`##vso[` become `## [`/`## vso[`, and a leading
 * `::` becomes `: :`. Texts longer than `limit` are cut there and followed by their full length.
 */
function printable(text, limit = EXCERPT_LENGTH) {
    const excerpt = text.length > limit ? text.slice(0, limit) : text;
    const folded = excerpt
        .replace(LINE_BREAK, ' ⏎ ')
        .replace(CONTROL, (char) => {
        const code = char.charCodeAt(0);
        return code <= 0xff
            ? `\\x${code.toString(16).padStart(2, '0')}`
            : `\\u${code.toString(16).padStart(4, '0')}`;
    })
        .replace(COMMAND_MARKER, '## ')
        .replace(LEADING_COMMAND, '$1: ');
    return excerpt === text ? folded : `${folded}… (${text.length} characters)`;
}

;// CONCATENATED MODULE: ./src/arcgis/service-ref.ts

const SERVICE = /^(?:([A-Za-z0-9_-]+)\/)?([A-Za-z0-9_-]+)\.([A-Za-z]+Server)$/;
/** `Folder/Name.Type` or `Name.Type`, or undefined when `label` is neither. */
function parseServiceRef(label) {
    const match = SERVICE.exec(label);
    if (!match)
        return undefined;
    const [, folder, name, type] = match;
    return {
        folder: folder === undefined ? undefined : ServerText.of(folder),
        name: ServerText.of(name),
        type: ServerText.of(type),
        label: ServerText.of(label)
    };
}
/** `Folder/Name.Type`, or `Name.Type` in the root folder. */
function serviceLabel(folder, name, type) {
    return ServerText.of(`${folder ? `${folder.raw}/` : ''}${name.raw}.${type.raw}`);
}

;// CONCATENATED MODULE: ./src/common/duration.ts
const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };
// Units must appear in this order, each at most once: 1h30m, 90s, 2m15s, 500ms.
const DURATION = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/;
/**
 * Parses `90` (seconds), `90s`, `10m`, `1h`, `1h30m` or `500ms` into milliseconds.
 * Returns undefined for anything else, so the caller can name the input in its error.
 */
function parseDuration(text) {
    const value = text.trim();
    if (/^\d+$/.test(value))
        return Number(value) * UNIT_MS.s;
    const match = DURATION.exec(value);
    if (!match || value === '')
        return undefined;
    const [, hours, minutes, seconds, millis] = match;
    return (Number(hours ?? 0) * UNIT_MS.h +
        Number(minutes ?? 0) * UNIT_MS.m +
        Number(seconds ?? 0) * UNIT_MS.s +
        Number(millis ?? 0) * UNIT_MS.ms);
}
/** A human-readable duration for logs: `850ms`, `12s`, `1m05s`, `1h02m`. */
function formatDuration(ms) {
    if (ms < 1_000)
        return `${Math.round(ms)}ms`;
    const totalSeconds = Math.round(ms / 1_000);
    if (totalSeconds < 60)
        return `${totalSeconds}s`;
    const hours = Math.floor(totalSeconds / 3_600);
    const minutes = Math.floor((totalSeconds % 3_600) / 60);
    const seconds = totalSeconds % 60;
    const pad = (n) => String(n).padStart(2, '0');
    return hours > 0 ? `${hours}h${pad(minutes)}m` : `${minutes}m${pad(seconds)}s`;
}

;// CONCATENATED MODULE: external "node:net"
const external_node_net_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");
;// CONCATENATED MODULE: ./src/inputs/portal-url.ts

/**
 * The pages people paste for the portal URL, by the path segment after the context that starts them: the part from
 * that segment on is dropped (with a notice), as is a trailing `/admin` (without one: it names the admin API itself).
 */
const PORTAL_PAGES = {
    home: "a page of the portal's home app",
    sharing: "the portal's sharing API",
    portaladmin: 'the Portal Administrator API',
    manager: 'ArcGIS Enterprise Manager',
    rest: 'the services directory',
    admin: 'a resource of the admin API'
};
function parsePortalUrl(value, problem, notice, words) {
    const name = words.name('portal-url');
    if (!value) {
        problem(`${name} is required (e.g. https://gis.example.com/arcgis)`);
        return '';
    }
    // `localhost:8443/arcgis` would parse as a URL whose scheme is `localhost:`.
    if (!/^[a-z][a-z\d+.-]*:(?!\d)/i.test(value)) {
        problem(`${name} "${value}" has no scheme: write https://${value.replace(/^\/+/, '')}`);
        return '';
    }
    let url;
    try {
        url = new URL(value);
    }
    catch {
        problem(`${name} "${value}" is not a URL (expected https://host/<context>)`);
        return '';
    }
    if (url.username || url.password) {
        problem(`${name} must not contain credentials: give them in ${words.name('token')}, or in ${words.name('username')} and ${words.name('password')}`);
        return '';
    }
    if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
        problem(`${name} must use https: plain http would send the admin token in clear text (http is allowed only for localhost)`);
        return '';
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        problem(`${name} must be an https URL, not ${url.protocol}`);
        return '';
    }
    const segments = url.pathname.split('/').filter((segment) => segment !== '');
    // The first segment is the web adaptor's context, whatever its name.
    const pageAt = segments.findIndex((segment, index) => index > 0 && Object.hasOwn(PORTAL_PAGES, segment.toLowerCase()));
    if (pageAt === -1 && (url.search || url.hash)) {
        problem(`${name} must not have a query or fragment: use https://${url.host}${url.pathname}`);
        return '';
    }
    if (pageAt === -1)
        return `${url.origin}${pathOf(segments)}`;
    const portalUrl = `${url.origin}${pathOf(segments.slice(0, pageAt))}`;
    const dropped = segments.slice(pageAt);
    if (dropped.length > 1 || dropped[0].toLowerCase() !== 'admin' || url.search || url.hash) {
        const query = url.search || url.hash ? ' and its query' : '';
        notice(`${name} names ${PORTAL_PAGES[dropped[0].toLowerCase()]}, not the portal: using ${portalUrl} (dropped "${pathOf(dropped)}"${query}). Set ${name} to ${portalUrl} to silence this warning.`);
    }
    return portalUrl;
}
function pathOf(segments) {
    return segments.map((segment) => `/${segment}`).join('');
}
function isLoopback(hostname) {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (host === 'localhost' || host === '::1')
        return true;
    return (0,external_node_net_namespaceObject.isIP)(host) === 4 && host.startsWith('127.');
}

;// CONCATENATED MODULE: ./src/restart/selection.ts
/** What a deployment-filter criterion looks at in a deployment. */
const FILTER_KEYS = ['name', 'type', 'mode', 'provider'];
const FILTER_VALUE = /^[A-Za-z0-9_.*?-]+$/;
/** The modes a deployment can have (the Deployments resource and the findDeploymentIds operation list them). */
const DEPLOYMENT_MODES = ['Shared', 'Dedicated', 'Undefined', 'Primary', 'Standby', 'Coordinator'];
/**
 * One line of deployment-filter: its criteria separated by spaces (`type=MapServer mode=Shared`), or `all`; undefined
 * when the line has a problem. Commas are refused rather than guessed at: in other inputs they separate alternatives,
 * while the criteria of a filter must all match.
 */
function parseDeploymentFilter(label, problem, words) {
    let valid = true;
    const alternatives = words.separately('deployment-filter');
    const criteria = parseCriteria(label, alternatives, (text) => {
        valid = false;
        problem(text);
    });
    return valid ? { label, criteria } : undefined;
}
/** `alternatives` says where a filter goes that is an alternative to another: `on its own line of deployment-filter`. */
function parseCriteria(line, alternatives, problem) {
    const criteria = {};
    if (line.includes(',')) {
        problem(`separate the criteria of one filter with spaces (all must match) and give each alternative ${alternatives} (any may match), without commas`);
        return criteria;
    }
    const words = line.split(/\s+/);
    if (words.some((word) => word.toLowerCase() === 'all')) {
        if (words.length > 1)
            problem('"all" selects every deployment and stands alone');
        return criteria;
    }
    for (const word of words) {
        const equals = word.indexOf('=');
        const key = word.slice(0, equals).toLowerCase();
        const wanted = word.slice(equals + 1);
        if (equals <= 0 || !FILTER_KEYS.includes(key)) {
            problem(`"${word}" is not a criterion (use ${FILTER_KEYS.map((name) => `${name}=…`).join(', ')}, or all)`);
        }
        else if (criteria[key] !== undefined) {
            problem(`${key} is given twice; give each alternative ${alternatives}`);
        }
        else if (!FILTER_VALUE.test(wanted)) {
            problem(`${key} "${wanted}" may hold only letters, digits, ".", "-", "_" and the wildcards * and ?`);
        }
        else if (key === 'mode' && !isKnownMode(wanted)) {
            problem(`mode "${wanted}" is not a deployment mode (${DEPLOYMENT_MODES.join(', ')})`);
        }
        else {
            criteria[key] = wanted;
        }
    }
    return criteria;
}
function isKnownMode(value) {
    return (/[*?]/.test(value) ||
        DEPLOYMENT_MODES.some((mode) => mode.toLowerCase() === value.toLowerCase()));
}
/**
 * Only the microservices of GIS services are known to be safe to restart because a filter matched them: Esri's
 * Deployments page says "Only microservices related to an ArcGIS service type return Dedicated or Shared". So a
 * filter selects a deployment only when its mode is Shared or Dedicated and its type is not System. Everything else
 * restarts only when named: system microservices (type System, or mode Undefined — the admin API, the ingress
 * controller, a webhook processor, …), data stores (mode Primary, Standby or Coordinator — an object store, the
 * relational store) and records with no mode or one this action does not know. Refreshing one takes part of the
 * platform away for a while, the admin API this action polls included.
 */
function restartsOnlyWhenNamed(deployment) {
    if (deployment.type?.raw.toLowerCase() === 'system')
        return true;
    const mode = deployment.mode?.raw.toLowerCase();
    return mode !== 'shared' && mode !== 'dedicated';
}
function matchesFilter(filter, deployment) {
    return Object.entries(filter.criteria).every(([key, glob]) => globPattern(glob).test(deployment[key]?.raw ?? ''));
}
/** `*` any run of characters, `?` any one; case-insensitive, whole value. */
function globPattern(glob) {
    const source = [...glob]
        .map((char) => char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'))
        .join('');
    return new RegExp(`^${source}$`, 'i');
}
/** Names first, then ids: the order in which filtered deployments restart, the same on every run. */
function byNameThenId(a, b) {
    return (a.name?.raw ?? '').localeCompare(b.name?.raw ?? '') || a.id.localeCompare(b.id);
}
/** Up to `limit` deployments whose name (or id) is within a few edits of `value`, or contains it. Closest first. */
function similarDeployments(value, deployments, limit = 5) {
    const ordered = [...deployments].sort(byNameThenId);
    return similar(value, ordered, (deployment) => [deployment.name?.raw, deployment.id], limit);
}
/**
 * Up to `limit` of `items` whose texts are within a few edits of `value`, or contain it, whatever the case. Closest
 * first; ties keep the items' order.
 */
function similar(value, items, textsOf, limit = 5) {
    const wanted = value.toLowerCase();
    const tolerance = Math.max(2, Math.floor(wanted.length / 3));
    return items
        .map((item) => {
        const candidates = textsOf(item).flatMap((text) => (text ? [text.toLowerCase()] : []));
        const related = wanted.length >= 3 && candidates.some((text) => text.includes(wanted));
        const distance = Math.min(...candidates.map((text) => editDistance(wanted, text)));
        return { item, distance, related };
    })
        .filter(({ distance, related }) => related || distance <= tolerance)
        .sort((a, b) => a.distance - b.distance)
        .slice(0, limit)
        .map(({ item }) => item);
}
/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}

;// CONCATENATED MODULE: ./src/inputs.ts






class InputError extends Error {
    problems;
    aboutCredentials;
    constructor(problems, 
    /** True when how to authenticate is among the problems. */
    aboutCredentials = false) {
        super(problems.length === 1
            ? `Invalid input: ${problems[0]}`
            : `Invalid inputs:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
        this.problems = problems;
        this.aboutCredentials = aboutCredentials;
        this.name = 'InputError';
    }
}
/**
 * Every input: the action declares each in action.yml and the command takes each as a flag of the same name.
 * `list` values are separated by newlines or commas; `pem` is certificate content (the command reads it from a file).
 */
const INPUTS = {
    'portal-url': 'text',
    token: 'secret',
    'token-referer': 'text',
    username: 'text',
    password: 'secret',
    'deployment-id': 'list',
    service: 'list',
    'deployment-filter': 'list',
    'allow-empty': 'boolean',
    verify: 'boolean',
    'verify-url': 'list',
    wait: 'boolean',
    'wait-for-ready': 'boolean',
    timeout: 'text',
    'poll-interval': 'text',
    'request-timeout': 'text',
    'max-concurrency': 'text',
    'fail-fast': 'boolean',
    'dry-run': 'boolean',
    'restart-if': 'text',
    'max-unhealthy': 'text',
    'ca-certificate': 'pem'
};
const SECRET_INPUTS = Object.keys(INPUTS).filter((name) => INPUTS[name] === 'secret');
/**
 * The values of the secret inputs, to mask and redact the moment they are read. A token too short to be one is left
 * out: it is refused before anything is sent, and redacting it as a word would cut a placeholder such as `token`
 * out of the very message that refuses it.
 */
function secretValues(getInput) {
    return SECRET_INPUTS.map(getInput).filter((value, index) => SECRET_INPUTS[index] !== 'token' || value.length >= MIN_TOKEN_LENGTH);
}
const PLAIN_ID = /^[A-Za-z0-9_-]+$/;
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const MAX_CONCURRENCY = 50;
/**
 * Reads and validates every input before anything is sent, collecting all problems so that one run shows them all.
 * `getInput` returns the trimmed value of an input, or '' when it is not set (as `core.getInput` does); `words` name
 * the inputs in the messages, and go with the inputs into the run.
 */
function parseInputs(getInput, words = INPUT_VOCABULARY) {
    const problems = [];
    const problem = (text) => problems.push(text);
    const notices = [];
    const notice = (text) => notices.push(text);
    const name = (input) => words.name(input);
    const portalUrl = parsePortalUrl(getInput('portal-url'), problem, notice, words);
    // A Referer that cannot be sent is a problem of its own, not one of how to authenticate.
    const referer = parseTokenReferer(getInput('token-referer'), problem, name('token-referer'));
    const credentialProblems = problems.length;
    const credentials = parseCredentials(getInput, referer, problem, words);
    const aboutCredentials = problems.length > credentialProblems;
    const deployments = unique(splitList(getInput('deployment-id')));
    for (const value of deployments) {
        if (!PLAIN_ID.test(value)) {
            problem(`${name('deployment-id')} "${value}" is neither a deployment id nor a deployment name (only letters, digits, "-" and "_" are allowed)`);
        }
    }
    const services = [];
    for (const label of unique(splitList(getInput('service')))) {
        const service = parseServiceRef(label);
        if (service)
            services.push(service);
        else {
            problem(`${name('service')} "${label}" is not of the form Folder/Name.Type or Name.Type (e.g. Hosted/Parcels.FeatureServer)`);
        }
    }
    const deploymentFilters = parseDeploymentFilters(getInput('deployment-filter'), problem, words);
    // A filter that was given but refused has its own message: "required" would only mislead.
    if (deployments.length === 0 &&
        splitList(getInput('service')).length === 0 &&
        getInput('deployment-filter').trim() === '') {
        problem(`${name('deployment-id')}, ${name('service')} or ${name('deployment-filter')} is required: name at least one deployment (by id or name), service or filter`);
    }
    const timeout = getInput('timeout') || '15m';
    const timeoutMs = parsePositiveDuration(name('timeout'), timeout, problem);
    if (/^\d+$/.test(timeout) && timeoutMs > 0 && timeoutMs < 60_000) {
        notice(`${words.set('timeout', timeout)} means ${timeout} seconds (a bare number is seconds); for ${timeout} minutes write ${words.set('timeout', `${timeout}m`)}`);
    }
    const pollIntervalMs = parsePositiveDuration(name('poll-interval'), getInput('poll-interval') || '10s', problem);
    const requestTimeoutMs = parsePositiveDuration(name('request-timeout'), getInput('request-timeout') || '30s', problem);
    const inputs = {
        portalUrl,
        credentials,
        deployments,
        services,
        deploymentFilters,
        allowEmpty: parseBoolean(name('allow-empty'), getInput('allow-empty'), false, problem),
        verify: parseBoolean(name('verify'), getInput('verify'), true, problem),
        verifyUrls: parseVerifyUrls(getInput('verify-url'), problem, name('verify-url')),
        wait: parseBoolean(name('wait'), getInput('wait'), true, problem),
        waitForReady: parseBoolean(name('wait-for-ready'), getInput('wait-for-ready'), true, problem),
        timeoutMs,
        pollIntervalMs,
        requestTimeoutMs,
        maxConcurrency: parseConcurrency(getInput('max-concurrency'), problem, name('max-concurrency')),
        failFast: parseBoolean(name('fail-fast'), getInput('fail-fast'), true, problem),
        dryRun: parseBoolean(name('dry-run'), getInput('dry-run'), false, problem),
        restartIf: parseRestartIf(getInput('restart-if'), problem, name('restart-if')),
        maxUnhealthy: parseMaxUnhealthy(getInput('max-unhealthy'), problem, name('max-unhealthy')),
        caCertificates: parseCertificates(getInput('ca-certificate'), problem, name('ca-certificate')),
        notices,
        vocabulary: words
    };
    const switchedOff = Object.entries({
        verify: inputs.verify,
        wait: inputs.wait,
        'wait-for-ready': inputs.waitForReady
    }).flatMap(([input, on]) => (on ? [] : [words.set(input, 'true')]));
    // Only when restart-if was given as always or not at all: a restart-if refused above has its own message.
    if (getInput('max-unhealthy') && /^(always)?$/i.test(getInput('restart-if'))) {
        problem(`${name('max-unhealthy')} goes with ${words.set('restart-if', 'unhealthy')} only: without a health check first, there is nothing for the brake to count`);
    }
    if (inputs.verifyUrls.length > 0 && switchedOff.length > 0) {
        problem(`${name('verify-url')} needs ${switchedOff.join(' and ')} (the URLs are checked once the pods are ready)`);
    }
    if (problems.length > 0)
        throw new InputError(problems, aboutCredentials);
    return inputs;
}
/**
 * The tokens ArcGIS issues (generateToken, OAuth, API keys) are dozens to hundreds of characters long; a shorter
 * value is a placeholder (`x`), a variable's name or a truncated paste, and would get 498 only after the first request.
 * Refusing it also keeps redaction from cutting every occurrence of a short string out of the log.
 */
const MIN_TOKEN_LENGTH = 16;
function parseCredentials(getInput, referer, problem, words) {
    const name = (input) => words.name(input);
    const token = getInput('token');
    const username = getInput('username');
    const password = getInput('password');
    if (token && (username || password)) {
        problem(`${name('token')} and ${username ? name('username') : name('password')} are both set: use one way to authenticate, not both`);
    }
    else if (token) {
        if (token.length < MIN_TOKEN_LENGTH) {
            problem(`${name('token')} is ${token.length} character${token.length === 1 ? '' : 's'} long, too short to be an ArcGIS token (at least ${MIN_TOKEN_LENGTH}): check that the secret holds the whole token, not a placeholder or a variable's name`);
        }
        return { kind: 'token', token, ...(referer !== undefined && { referer }) };
    }
    else if (referer !== undefined) {
        problem(`${name('token-referer')} goes with ${name('token')} only: with ${name('username')} and ${name('password')} the tokens are generated for the portal's origin`);
    }
    else if (username && password) {
        return { kind: 'password', username, password };
    }
    else if (username) {
        problem(`${name('password')} is required with ${name('username')}`);
    }
    else if (password) {
        problem(`${name('username')} is required with ${name('password')}`);
    }
    else {
        problem(`${name('token')}, or both ${name('username')} and ${name('password')}, is required to authenticate to the admin API`);
    }
    return { kind: 'token', token: '' };
}
/**
 * The Referer to send with a fixed token: undefined for the default (the portal's origin), false for `none`. Any
 * other text is sent as it is, since a token is bound to whatever string it was minted with (Esri's own command-line
 * client mints with the literal `referer`); only what cannot travel in a header is refused.
 */
function parseTokenReferer(value, problem, name) {
    if (value === '')
        return undefined;
    if (value.toLowerCase() === 'none')
        return false;
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(value)) {
        problem(`${name} must be one line without control characters`);
        return undefined;
    }
    return value;
}
function parsePositiveDuration(name, value, problem) {
    const ms = parseDuration(value);
    if (ms === undefined) {
        problem(`${name} "${value}" is not a duration (use e.g. 90, 90s, 10m, 1h or 1h30m)`);
        return 0;
    }
    if (ms <= 0)
        problem(`${name} must be greater than zero`);
    return ms;
}
function parseBoolean(name, value, fallback, problem) {
    if (value === '')
        return fallback;
    if (/^(true|yes|on)$/i.test(value))
        return true;
    if (/^(false|no|off)$/i.test(value))
        return false;
    problem(`${name} "${value}" is not a boolean (use true or false)`);
    return fallback;
}
function parseConcurrency(value, problem, name) {
    if (value === '')
        return 1;
    const count = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!(count >= 1 && count <= MAX_CONCURRENCY)) {
        problem(`${name} "${value}" must be a whole number from 1 to ${MAX_CONCURRENCY}`);
        return 1;
    }
    return count;
}
function parseRestartIf(value, problem, name) {
    const wanted = value.toLowerCase() || 'always';
    if (wanted === 'always' || wanted === 'unhealthy')
        return wanted;
    problem(`${name} "${value}" must be always or unhealthy`);
    return 'always';
}
/** A count (`3`) or a percentage of the deployments checked (`50%`, the default). */
function parseMaxUnhealthy(value, problem, name) {
    const match = /^(\d+)(%?)$/.exec(value || '50%');
    const amount = match ? Number(match[1]) : NaN;
    if (match?.[2] === '%' && amount >= 1 && amount <= 100)
        return { percent: amount };
    if (match?.[2] === '' && amount >= 1)
        return { count: amount };
    problem(`${name} "${value}" must be a whole number of deployments (at least 1) or a percentage from 1% to 100%`);
    return { percent: 50 };
}
function parseCertificates(value, problem, name) {
    if (!value)
        return [];
    const blocks = value.replace(/\r\n/g, '\n').match(PEM_CERTIFICATE) ?? [];
    if (blocks.length === 0) {
        problem(`${name} holds no PEM certificate (expected -----BEGIN CERTIFICATE----- blocks)`);
        return [];
    }
    blocks.forEach((block, index) => {
        try {
            new external_node_crypto_namespaceObject.X509Certificate(block);
        }
        catch (error) {
            problem(`${name} #${index + 1} is not a valid PEM certificate: ${error.message}`);
        }
    });
    return blocks;
}
/** One filter per line (see parseDeploymentFilter); each line's problems name the line. */
function parseDeploymentFilters(value, problem, words) {
    const name = words.name('deployment-filter');
    return unique(splitLines(value)).flatMap((label) => parseDeploymentFilter(label, (text) => problem(`${name} "${label}": ${text}`), words) ?? []);
}
/** URLs that must answer 2xx: one per line (a comma may be part of a URL, e.g. a map export's bbox). */
function parseVerifyUrls(value, problem, name) {
    const urls = [];
    for (const line of unique(splitLines(value))) {
        let url;
        try {
            url = new URL(line);
        }
        catch {
            problem(`${name} "${line}" is not a URL (expected https://host/path, one per line)`);
            continue;
        }
        if (url.protocol !== 'https:' && url.protocol !== 'http:') {
            problem(`${name} "${line}" must be an http or https URL, not ${url.protocol}`);
        }
        else if (url.username || url.password) {
            problem(`${name} "${url.host}${url.pathname}" must not contain credentials`);
        }
        else {
            urls.push(url.href);
        }
    }
    return urls;
}
/** Splits a list given one per line or comma-separated, ignoring blanks. */
function splitList(value) {
    return splitLines(value).flatMap((line) => line
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== ''));
}
/** The non-blank lines of a multi-line input, trimmed. */
function splitLines(value) {
    return value
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '');
}
function unique(items) {
    return [...new Set(items)];
}

;// CONCATENATED MODULE: ./src/arcgis/api-json.ts
// Readers of ArcGIS JSON: the error shapes the admin API and the portal answer with, and the loose field types
// (numbers as strings, messages as strings, arrays or objects) that real servers send. They are where server text
// is read, so they are where it is made safe: a text that is data (a name, a message, a version) is wrapped as a
// ServerText, and a text that is only a token of the protocol (a status, an id) comes out in its printable form.

const ERROR_STATUSES = new Set(['error', 'failed', 'failure']);
/**
 * Finds an error in a response body, whatever the HTTP status was:
 * admin style `{"status":"error","messages":[…],"code":403}`, portal style `{"error":{"code":498,"message":…,"details":[…]}}`,
 * `status: "failed" | "failure"`, or a top-level `code >= 400`.
 * A job body that carries a job status (FAILED included) reports on the job, not an API error: `isJob` says so.
 */
function findApiError(body, { isJob = false } = {}) {
    if (!isRecord(body))
        return undefined;
    const status = stringField(body.status) ?? (isJob ? stringField(body.jobStatus) : undefined);
    if (isJob && status !== undefined && status.toLowerCase() !== 'error')
        return undefined;
    if (isRecord(body.error)) {
        const { code, message, details } = body.error;
        return {
            code: asCode(code),
            messages: distinct([...messageTexts(message), ...messageTexts(details)])
        };
    }
    const code = asCode(body.code);
    if ((status !== undefined && ERROR_STATUSES.has(status.toLowerCase())) ||
        (code !== undefined && code >= 400)) {
        return {
            code,
            messages: distinct([...messageTexts(body.messages), ...messageTexts(body.message)])
        };
    }
    return undefined;
}
/** A non-blank string field of the protocol (a status, a state, an id), trimmed and printable. */
function stringField(value) {
    return ServerText.from(value)?.toString();
}
/** A non-blank string field that is data (a name, a type), trimmed. */
function textField(value) {
    return ServerText.from(value);
}
/** The texts, each once. */
function distinct(texts) {
    const seen = new Set();
    return texts.filter((text) => !seen.has(text.raw) && seen.add(text.raw));
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function asCode(value) {
    const code = typeof value === 'string' ? Number(value) : value;
    return typeof code === 'number' && Number.isFinite(code) ? code : undefined;
}
/** The texts in a message field: a string, an array of strings, or objects with a `message`. */
function messageTexts(value) {
    if (typeof value === 'string')
        return ServerText.from(value) ? [ServerText.of(value)] : [];
    if (Array.isArray(value))
        return value.flatMap(messageTexts);
    if (isRecord(value))
        return messageTexts(value.message ?? value.description);
    return [];
}
/** A text field that some answers give as a JSON number (a job id, a version: `"10.9.1"` or `11.4`), as data. */
function looseTextField(value) {
    return typeof value === 'number' && Number.isFinite(value)
        ? ServerText.of(String(value))
        : textField(value);
}
/** A protocol field that some answers give as a JSON number (an id, a code), printable. */
function looseText(value) {
    return looseTextField(value)?.toString();
}
/** A body that is not ArcGIS JSON (an HTML page, a truncated answer), as a short printable excerpt. */
function bodyExcerpt(body, limit = 200) {
    return printable(body.replace(/\s+/g, ' '), limit);
}

;// CONCATENATED MODULE: ./src/arcgis/answers.ts
// What the admin API answers, read from its JSON: each reader takes one answer and returns the typed value the client
// offers. Every server text goes through the field readers of api-json.ts, which make it safe.



function readServerInfo(answer) {
    const resources = Array.isArray(answer.resources)
        ? answer.resources.flatMap((name) => stringField(name) ?? [])
        : undefined;
    // Esri's example prints currentVersion unquoted (a JSON number) and fullVersion as a string; accept either type.
    return {
        version: looseTextField(answer.fullVersion) ?? looseTextField(answer.currentVersion),
        resources
    };
}
function readDeployment(answer, id) {
    return { ...deploymentFields(answer), id };
}
function deploymentFields(entry) {
    return {
        name: textField(entry.name),
        type: textField(entry.type),
        mode: textField(entry.mode),
        provider: textField(entry.provider),
        configuredState: stringField(entry.configuredState)?.toUpperCase()
    };
}
/**
 * A deployment configured as stopped never becomes ready, so a restart of it would wait until the timeout. A record
 * without configuredState (an older server's) is taken as started: nothing says otherwise.
 */
function isStopped(deployment) {
    return deployment.configuredState === 'STOPPED';
}
/** The deployments of a listing, or undefined when `value` is no list; entries without an id are left out. */
function deploymentList(value) {
    if (!Array.isArray(value))
        return undefined;
    return value.flatMap((entry) => {
        if (!isRecord(entry))
            return [];
        const id = looseText(entry.deploymentId) ?? looseText(entry.id);
        return id ? [{ ...deploymentFields(entry), id }] : [];
    });
}
/** The ids findDeploymentIds answered, or undefined when it answered no list. */
function deploymentIds(found) {
    const value = found.filteredDeploymentIds ?? found.deploymentIds;
    return Array.isArray(value) ? value.flatMap((id) => looseText(id) ?? []) : undefined;
}
/** The folders of the services root. */
function folderNames(root) {
    return Array.isArray(root.folders)
        ? root.folders.flatMap((folder) => textField(folder) ?? [])
        : [];
}
/** The services of a folder listing; `folder` when the entries do not name their own. */
function serviceEntries(value, folder) {
    if (!Array.isArray(value))
        return [];
    return value.flatMap((entry) => {
        if (!isRecord(entry))
            return [];
        const name = textField(entry.serviceName);
        const type = textField(entry.type);
        if (!name || !type)
            return [];
        const named = textField(entry.folderName);
        const inFolder = named && named.raw !== '/' ? named : folder;
        return [
            {
                service: { folder: inFolder, name, type, label: serviceLabel(inFolder, name, type) },
                deploymentId: looseText(entry.deploymentId)
            }
        ];
    });
}
/** The deployment a service resource names at its top level. */
function serviceDeploymentId(answer) {
    return looseText(answer.deploymentId);
}
/** Every distinct `scalingSpec[].deploymentId` of a service's `scaling` resource. */
function scalingDeploymentIds(scaling) {
    const specs = Array.isArray(scaling.scalingSpec) ? scaling.scalingSpec : [];
    const ids = specs.map((spec) => (isRecord(spec) ? looseText(spec.deploymentId) : undefined));
    return [...new Set(ids.filter((id) => id !== undefined))];
}
function readDeploymentStatus(answer) {
    return {
        currentState: stringField(answer.currentState),
        readyReplicas: count(answer.readyReplicas),
        totalReplicas: count(answer.totalReplicas)
    };
}
function readServiceStatus(answer) {
    return {
        configuredState: stringField(answer.configuredState)?.toUpperCase(),
        realTimeState: stringField(answer.realTimeState)?.toUpperCase()
    };
}
/** A refresh's answer, or undefined when it names neither a job nor success. */
function readRefreshAnswer(answer) {
    const jobsUrl = textField(answer.jobsUrl);
    const jobId = looseTextField(answer.jobID) ??
        looseTextField(answer.jobid) ??
        looseTextField(answer.jobId) ??
        jobIdIn(jobsUrl);
    const status = stringField(answer.jobStatus) ?? stringField(answer.status);
    if (jobId)
        return { kind: 'job', jobId, jobsUrl, status: status ?? 'SUBMITTED' };
    if (status?.toLowerCase() === 'success')
        return { kind: 'done' };
    return undefined;
}
/** The start of an answer that could not be read, for a message. */
function answerExcerpt(answer) {
    return bodyExcerpt(JSON.stringify(answer));
}
/** A job record. */
function readJob(answer) {
    return {
        status: (stringField(answer.status) ?? stringField(answer.jobStatus) ?? '').toUpperCase(),
        messages: failureReasons(answer),
        resultIsError: isRecord(answer.result) && resultIsError(answer.result),
        operationUri: stringField(answer.operationURI) ?? stringField(answer.operationUri),
        startTime: count(answer.starttime) ?? count(answer.startTime)
    };
}
/** The entries of the jobs listing, given as ids or as job objects (see ArcGISAdminClient.listJobs). */
function jobListings(answer) {
    const entries = [answer.jobs, answer.jobIds, answer.jobids].find(Array.isArray) ?? [];
    return entries.flatMap((entry) => {
        if (!isRecord(entry)) {
            const jobId = looseTextField(entry);
            return jobId ? [{ jobId }] : [];
        }
        const jobId = looseTextField(entry.jobid) ?? looseTextField(entry.jobId) ?? looseTextField(entry.jobID);
        return jobId ? [{ jobId, job: readJob(entry) }] : [];
    });
}
/** The older ArcGIS Server job API reports failures inside `result`; a COMPLETED job may do the same. */
function resultIsError(result) {
    return (findApiError(result) !== undefined ||
        result.success === false ||
        textField(result.error) !== undefined);
}
/**
 * Why a job failed, wherever its record says it: Esri's Job page puts it in `result` ("More information about the
 * failure is available in the response's result property"), Esri's CLI reads top-level `messages`, and the shapes seen
 * inside `result` vary: `messages`, `message`, `error` as text or as `{message, details}`, `details`. When no text is
 * found, a `status` or `code` inside `result` is still a reason worth showing.
 */
function failureReasons(answer) {
    const { result } = answer;
    const texts = [...messageTexts(answer.messages), ...errorTexts(answer.error)];
    if (typeof result === 'string' || Array.isArray(result))
        texts.push(...messageTexts(result));
    if (isRecord(result)) {
        texts.push(...messageTexts(result.messages), ...messageTexts(result.message), ...errorTexts(result.error), ...messageTexts(result.details));
        if (texts.length === 0)
            texts.push(...statusAndCode(result));
    }
    return distinct(texts);
}
/** An `error` given as text, as a list, or as `{message, details}`. */
function errorTexts(error) {
    if (!isRecord(error))
        return messageTexts(error);
    return [...messageTexts(error.message ?? error.description), ...messageTexts(error.details)];
}
/** `status "error", code 500` of a result that says nothing else; nothing for a plain success. */
function statusAndCode(result) {
    const status = stringField(result.status);
    const code = looseText(result.code);
    const parts = [
        status && status.toLowerCase() !== 'success' ? `status "${status}"` : undefined,
        code ? `code ${code}` : undefined
    ].filter((part) => part !== undefined);
    return parts.length ? [ServerText.of(`the job's result says ${parts.join(', ')}`)] : [];
}
/** The last segment of a `…/admin/jobs/<id>` URL, for an answer that names the job only by its URL. */
function jobIdIn(jobsUrl) {
    const match = jobsUrl && /\/jobs\/([A-Za-z0-9_-]+)\/?(?:\?.*)?$/.exec(jobsUrl.raw);
    return match ? ServerText.of(match[1]) : undefined;
}
/** A count, which some answers give as a numeric string. */
function count(value) {
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

;// CONCATENATED MODULE: ./src/arcgis/request-error.ts


/** What to do about an ArcGIS code or HTTP status, in the words of the face that runs. */
const HINTS = {
    401: (words) => `The server asked for another kind of authentication: ${words.name('portal-url')} may point at a web tier that uses IWA or a single sign-on gateway; use the URL that serves the ArcGIS REST API with tokens.`,
    498: (words) => `The token is invalid or expired: mint a new administrator token and update the secret (${words.name('token')}), or give ${words.name('username')} and ${words.name('password')} instead, to have tokens generated and renewed.`,
    499: (words) => `The server received no token: check that the token secret (${words.name('token')}) is set and not empty.`,
    403: () => 'The account is not allowed to do this: restarting deployments needs the default Administrator role (custom roles are refused).'
};
const nonJsonHint = (words) => `The answer was not ArcGIS JSON: check that ${words.name('portal-url')} points at the portal (https://host/<context>); an ingress that is restarting answers like this for a while.`;
const TLS_ERRNO = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/;
const tlsHint = (words) => `The portal's certificate could not be verified: if a private certificate authority issued it, pass that CA's PEM certificate in ${words.name('ca-certificate')} (or point NODE_EXTRA_CA_CERTS at it). Verification is never switched off.`;
const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);
/**
 * The network errors a restarting platform produces and that go away by themselves, and whether each one proves that
 * the request never left (which decides whether a request that is not idempotent may be sent again).
 */
const TRANSIENT_NETWORK_ERRORS = {
    ECONNREFUSED: { neverSent: true },
    EAI_AGAIN: { neverSent: true },
    EHOSTUNREACH: { neverSent: true },
    ENETUNREACH: { neverSent: true },
    ECONNRESET: { neverSent: false },
    ECONNABORTED: { neverSent: false },
    ETIMEDOUT: { neverSent: false },
    EPIPE: { neverSent: false }
};
const NOT_RECEIVED_STATUSES = new Set([429, 503]);
const UNANSWERED_STATUSES = new Set([502, 504]);
/** True when a network error proves the request never reached the server. */
function neverSent(errno) {
    return TRANSIENT_NETWORK_ERRORS[errno ?? '']?.neverSent === true;
}
/**
 * The one error type of the HTTP layer. Its message is what a user reads: the operation, what went wrong, the server's
 * own messages and, where one helps, a hint. Secrets are redacted before it is built.
 */
class ArcGISRequestError extends Error {
    kind;
    operation;
    detail;
    words;
    /** What went wrong, without the operation and the hint: `HTTP 503 with a non-JSON answer (Bad Gateway)`. */
    problem;
    constructor(kind, operation, detail = {}, 
    /** How the hint names the settings. */
    words = INPUT_VOCABULARY) {
        const { problem, hint } = describe(kind, detail, words);
        const deadline = detail.deadline ? ' The timeout was reached.' : '';
        super(`${operation} failed: ${problem}.${deadline}${hint ? ` ${hint}` : ''}`);
        this.kind = kind;
        this.operation = operation;
        this.detail = detail;
        this.words = words;
        this.problem = problem;
        this.name = 'ArcGISRequestError';
    }
    /** The same failure, marked as the last one before the step's deadline. */
    atDeadline() {
        return new ArcGISRequestError(this.kind, this.operation, { ...this.detail, deadline: true }, this.words);
    }
    /** The ArcGIS code of an API error, or the HTTP status otherwise. */
    get code() {
        return this.detail.code ?? this.detail.httpStatus;
    }
    /** A page (HTML or other text) with a 2xx status: an ingress hiccup mid-restart, or not the admin API at all. */
    get isPageWithSuccessStatus() {
        const status = this.detail.httpStatus ?? 0;
        return this.kind === 'non-json' && status >= 200 && status < 300;
    }
    /** Nothing came back: the host could not be reached or went silent (a TLS failure is an answer of a kind). */
    get noAnswer() {
        if (this.kind === 'timeout')
            return true;
        return this.kind === 'network' && !TLS_ERRNO.test(this.detail.errno ?? '');
    }
    get isAuthError() {
        return this.code === 498 || this.code === 499;
    }
    get delivery() {
        const { httpStatus, errno } = this.detail;
        if (NOT_RECEIVED_STATUSES.has(httpStatus ?? 0))
            return 'not-received';
        if (this.kind === 'network') {
            const neverConnected = neverSent(errno) || errno === 'ENOTFOUND' || TLS_ERRNO.test(errno ?? '');
            return neverConnected ? 'not-received' : 'unknown';
        }
        if (this.kind === 'timeout' || UNANSWERED_STATUSES.has(httpStatus ?? 0))
            return 'unknown';
        return this.kind === 'non-json' && (httpStatus ?? 0) >= 500 ? 'unknown' : 'answered';
    }
    /**
     * The server answered, with neither a passing fault nor a refusal of the caller: what was asked for is not offered
     * here (a missing resource or operation, an error page). The cue to try another way, where there is one.
     */
    get notOffered() {
        return ((this.kind === 'api' || this.kind === 'http' || this.kind === 'non-json') &&
            !this.isAuthError &&
            this.code !== 403 &&
            !this.transient);
    }
    /** Faults that a restarting platform produces and that go away by themselves. */
    get transient() {
        if (isTransientStatus(this.detail.httpStatus) || isTransientStatus(this.detail.code))
            return true;
        if (this.kind === 'timeout')
            return true;
        if (this.kind === 'non-json')
            return isAnswerOfRestartingPlatform(this.detail.httpStatus);
        return (this.kind === 'network' && TRANSIENT_NETWORK_ERRORS[this.detail.errno ?? ''] !== undefined);
    }
}
/** A page instead of JSON is expected from an ingress while its backend restarts; a 4xx page is not going away. */
function isAnswerOfRestartingPlatform(httpStatus) {
    return httpStatus === undefined || httpStatus < 300 || httpStatus === 429 || httpStatus >= 500;
}
/** 429 and the gateway errors of an ingress whose backend is restarting. */
function isTransientStatus(status) {
    return TRANSIENT_STATUSES.has(status ?? 0);
}
function describe(kind, detail, words) {
    const status = detail.httpStatus === undefined ? '' : `HTTP ${detail.httpStatus}`;
    const messages = detail.messages?.length ? `: ${joinTexts(detail.messages, ' ')}` : '';
    let what;
    let hint;
    switch (kind) {
        case 'api':
            what = `ArcGIS error${detail.code === undefined ? '' : ` ${detail.code}`}${messages} (${status})`;
            hint = HINTS[detail.code ?? detail.httpStatus ?? 0];
            break;
        case 'http':
            what = `${status}${messages}`;
            hint = HINTS[detail.httpStatus ?? 0];
            break;
        case 'non-json':
            what = `${status} with a non-JSON answer${detail.excerpt ? ` (${detail.excerpt})` : ''}`;
            hint = HINTS[detail.httpStatus ?? 0] ?? nonJsonHint;
            break;
        case 'network':
            what = `connection failed${detail.errno ? ` (${detail.errno})` : ''}${messages}`;
            if (TLS_ERRNO.test(detail.errno ?? ''))
                hint = tlsHint;
            break;
        case 'timeout':
            what = `no answer in time${messages}`;
            break;
        case 'redirect':
            what = `${status} redirect to ${detail.location ? `host ${detail.location}` : 'an unnamed location'}; redirects are not followed on requests that carry credentials. Set ${words.name('portal-url')} to the address the portal answers on`;
            break;
    }
    return { problem: what, hint: hint?.(words) };
}

;// CONCATENATED MODULE: ./src/arcgis/admin-client.ts


/** Neither way of listing deployments is offered by the server; `problems` says what each answered. */
class DeploymentListingUnavailable extends Error {
    problems;
    constructor(problems) {
        super(`The server lists its deployments neither way: ${problems.join('; ')}`);
        this.problems = problems;
        this.name = 'DeploymentListingUnavailable';
    }
}
/**
 * A small typed client for the parts of the ArcGIS Enterprise on Kubernetes admin API that a restart needs.
 * It only builds requests and reads answers; the HTTP layer handles transport, errors, retries and secrets.
 */
class ArcGISAdminClient {
    http;
    constructor(http) {
        this.http = http;
    }
    /** The admin root: read as the run's first contact with the portal, within that deadline. */
    async getServerInfo(firstContact) {
        const answer = await this.http.request({
            operation: 'reading the admin API version',
            method: 'GET',
            path: 'admin',
            retry: firstContact ? 'first-contact' : 'idempotent',
            deadline: firstContact,
            authenticated: true
        });
        return readServerInfo(answer);
    }
    async getDeployment(id) {
        const answer = await this.get(`admin/system/deployments/${segment(id)}`, `reading deployment ${id}`);
        return readDeployment(answer, id);
    }
    /**
     * Every deployment, read the way the server's version offers it first and the other way when that one is not
     * offered (which each version still serves is unconfirmed):
     * - the Deployments resource, `GET <root>/system/deployments` (10.9) → `{"deployments":[{deploymentId, name, type,
     *   mode, provider}]}` (developers.arcgis.com/rest/enterprise-administration/enterprise/deployments);
     * - from 11.0, `POST <root>/system/deployments/findDeploymentIds` with no filter, which answers the ids of every
     *   deployment (…/enterprise/find-deployment-id; the arcgis Python package's DeploymentManager.search reads them
     *   from `filteredDeploymentIds`), then `POST …/getDeploymentsById` with `deploymentIDs=<id>,<id>` → the same
     *   `{"deployments":[…]}` (…/enterprise/get-deployment-by-id).
     * Filters are applied by the caller, so both ways select alike and names can be matched with wildcards.
     */
    async listDeployments(version, deadline) {
        const byResource = {
            label: 'GET system/deployments',
            list: () => this.listDeploymentsByResource(deadline)
        };
        const byIds = {
            label: 'findDeploymentIds',
            list: () => this.listDeploymentsByIds(deadline)
        };
        const ways = version && atLeast(version, [11, 0, 0]) ? [byIds, byResource] : [byResource, byIds];
        const problems = [];
        for (const way of ways) {
            try {
                const deployments = await way.list();
                if (deployments)
                    return deployments;
                problems.push(`${way.label} answered without a list of deployments`);
            }
            catch (error) {
                if (!(error instanceof ArcGISRequestError && error.notOffered))
                    throw error;
                problems.push(`${way.label}: ${error.problem}`);
            }
        }
        throw new DeploymentListingUnavailable(problems);
    }
    async listDeploymentsByResource(deadline) {
        const answer = await this.get('admin/system/deployments', 'listing deployments', 'idempotent', deadline);
        return deploymentList(answer.deployments);
    }
    async listDeploymentsByIds(deadline) {
        const found = await this.post('admin/system/deployments/findDeploymentIds', {}, 'finding deployment ids', deadline);
        const ids = deploymentIds(found);
        if (!ids)
            return undefined;
        if (ids.length === 0)
            return [];
        const answer = await this.post('admin/system/deployments/getDeploymentsById', { deploymentIDs: ids.join(',') }, 'reading deployments by id', deadline);
        return deploymentList(answer.deployments);
    }
    /**
     * Every GIS service, from the root folder `GET <root>/services` (`folders`, `services`) and each folder
     * `GET <root>/services/<folder>` (developers.arcgis.com/rest/enterprise-administration/enterprise/services and
     * …/folder). A folder lists each service's JSON, whose top-level `deploymentId` names the deployment that serves it
     * (the API brief, section 3); where an entry does not carry it, `deploymentId` is undefined. (findServiceIds, from
     * 11.0, filters by folder, name, type and provider but not by deployment, so it would not spare these reads.)
     */
    async listServices() {
        const root = await this.get('admin/services', 'listing services');
        const folders = folderNames(root);
        const listed = serviceEntries(root.services);
        for (const folder of folders) {
            const answer = await this.get(`admin/services/${segment(folder)}`, `listing the services in folder ${folder}`);
            listed.push(...serviceEntries(answer.services, folder));
        }
        return listed;
    }
    /**
     * `retry: 'once'` when a poll loop asks: it tries again on its own schedule. `deadline`: a tighter bound than the
     * run's, such as a health check's.
     */
    async getDeploymentStatus(id, retry = 'idempotent', deadline) {
        const answer = await this.get(`admin/system/deployments/${segment(id)}/status`, `reading the status of deployment ${id}`, retry, deadline);
        return readDeploymentStatus(answer);
    }
    /**
     * The deployments a GIS service runs in: the service resource's top-level `deploymentId`, or else every
     * `scalingSpec[].deploymentId` of its `scaling` resource (a service may span several). Empty when neither names one.
     */
    async getServiceDeploymentIds(service) {
        const path = adminServicePath(service);
        const answer = await this.get(path, `reading service ${service.label}`);
        const deploymentId = serviceDeploymentId(answer);
        if (deploymentId)
            return [deploymentId];
        const scaling = await this.get(`${path}/scaling`, `reading the scaling of service ${service.label}`).catch((error) => {
            if (error instanceof ArcGISRequestError && error.code === 404)
                return {};
            throw error;
        });
        return scalingDeploymentIds(scaling);
    }
    /**
     * Whether a GIS service is started or stopped: `GET <root>/services/[<Folder>/]<Name>.<Type>/status` →
     * `{"configuredState":"STARTED"|"STOPPED","realTimeState":…}`
     * (developers.arcgis.com/rest/enterprise-administration/enterprise/service-status). Tried once: an unread status
     * only means the service is checked as if started.
     */
    async getServiceStatus(service) {
        const answer = await this.get(`${adminServicePath(service)}/status`, `reading the status of service ${service.label}`, 'once');
        return readServiceStatus(answer);
    }
    /** Where a GIS service answers: `<portal>/rest/services/[<Folder>/]<Name>/<Type>` (the API brief, section 7). */
    serviceUrl(service) {
        return this.http.urlOf(servicePath(service));
    }
    /**
     * Asks a GIS service for its description, with the token in the header; resolves when it answers JSON without an
     * error. Tried once: the verification loop asks again on its own schedule. `deadline` bounds the request too: a
     * probe that hangs must not outlast the check it is part of.
     */
    async readServiceEndpoint(service, deadline) {
        await this.http.request({
            operation: `service ${service.label}`,
            method: 'GET',
            path: servicePath(service),
            retry: 'once',
            authenticated: true,
            deadline
        });
    }
    /** One GET of a URL the user gave, bounded by `deadline` too; see PortalHttp.probe for which credentials travel. */
    probe(url, deadline) {
        return this.http.probe(url, deadline);
    }
    /** `timeoutMs`: how long to wait for a server that answers only when the restart is done. */
    async refreshDeployment(id, timeoutMs) {
        const answer = await this.http.request({
            operation: `refresh of deployment ${id}`,
            method: 'POST',
            path: `admin/system/deployments/${segment(id)}/refresh`,
            form: { async: 'true' },
            retry: 'unless-sent',
            authenticated: true,
            timeoutMs
        });
        const refresh = readRefreshAnswer(answer);
        if (refresh)
            return refresh;
        throw new Error(`refresh of deployment ${id} answered neither a job nor success: ${answerExcerpt(answer)}`);
    }
    /** Tried once by default: a poll loop tries again on its own schedule. */
    async getJob(jobId, retry = 'once') {
        const answer = await this.http.request({
            operation: `reading job ${jobId}`,
            method: 'GET',
            path: `admin/jobs/${segment(jobId)}`,
            retry,
            authenticated: true,
            isJob: true
        });
        return readJob(answer);
    }
    /**
     * `GET <root>/jobs`: Esri documents it as "a collection of the jobs (asynchronous operations) created in your
     * deployment" with `f` as its only parameter, no filter and no example answer
     * (https://developers.arcgis.com/rest/enterprise-administration/enterprise/jobs). Its sibling in ArcGIS Server,
     * `<root>/system/jobs`, answers `{"jobs": ["<jobID1>", "<jobID2>", …]}`
     * (https://developers.arcgis.com/rest/enterprise-administration/server/jobs). So this reads `jobs` (or `jobIds`) as
     * ids or as job objects, and leaves the filtering to the caller.
     */
    async listJobs() {
        const answer = await this.get('admin/jobs', 'reading the list of jobs');
        return jobListings(answer);
    }
    get(path, operation, retry = 'idempotent', deadline) {
        return this.http.request({
            operation,
            method: 'GET',
            path,
            retry,
            deadline,
            authenticated: true
        });
    }
    /** A POST that only reads (the admin API offers some searches as POST), so it may be retried like a GET. */
    post(path, form, operation, deadline) {
        return this.http.request({
            operation,
            method: 'POST',
            path,
            form,
            retry: 'idempotent',
            deadline,
            authenticated: true
        });
    }
}
/** Asynchronous restart jobs came with 10.9.1; a 10.9.0 server ignores `async` and answers when it is done. */
function supportsAsyncJobs(version) {
    return atLeast(version, [10, 9, 1]);
}
function atLeast(version, minimum) {
    const parts = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
    for (const [index, wanted] of minimum.entries()) {
        const part = parts[index] ?? 0;
        if (part !== wanted)
            return part > wanted;
    }
    return true;
}
/** A service's admin resource: `admin/services/[<Folder>/]<Name>.<Type>`. */
function adminServicePath(service) {
    return admin_client_pathOf('admin/services', [service.folder, `${service.name.raw}.${service.type.raw}`]);
}
/** Where a service answers: `rest/services/[<Folder>/]<Name>/<Type>`. */
function servicePath(service) {
    return admin_client_pathOf('rest/services', [service.folder, service.name, service.type]);
}
/**
 * `<root>/<part>/…`, each part percent-encoded from its exact text: a name the server sent is found again only by
 * what it is, never by the printable form that a template literal would give.
 */
function admin_client_pathOf(root, parts) {
    return [root, ...parts.flatMap((part) => (part === undefined ? [] : [segment(part)]))].join('/');
}
/** Ids are validated as plain ids; encoding them anyway keeps the path shape fixed whatever the caller passes. */
function segment(value) {
    return encodeURIComponent(typeof value === 'string' ? value : value.raw);
}

;// CONCATENATED MODULE: ./src/arcgis/auth.ts
/** Tokens are renewed this long before they expire (at most a fifth of their life), so none lapses mid-request. */
const RENEW_BEFORE_EXPIRY_MS = 60_000;
/** Minutes added to the step timeout when asking for a token, so the token outlives the step. */
const EXPIRATION_MARGIN_MINUTES = 5;
/**
 * A token given by the user: used as is; when the server refuses it, the step fails. It travels with a Referer (the
 * portal's origin unless token-referer says otherwise), so that a token minted with `client=referer&referer=<R>` is
 * accepted (and the header is harmless for a token that is not referer-bound); `false` sends none.
 */
class FixedToken {
    value;
    referer;
    constructor(value, referer) {
        this.value = value;
        this.referer = referer;
    }
    async token() {
        return this.value;
    }
    async renew() {
        return false;
    }
    headers() {
        return this.referer === false ? {} : { Referer: this.referer };
    }
}
/**
 * Tokens generated from a built-in administrator's credentials with `client=referer`. Such a token is bound to the
 * referer it was asked for, so that referer (the portal's origin) travels as the Referer header with every later request.
 */
class GeneratedToken {
    http;
    credentials;
    expirationMinutes;
    logger;
    now;
    current;
    /** The generateToken request in flight: restarts running at once share it. */
    pending;
    referer;
    constructor(http, credentials, expirationMinutes, logger, now = Date.now) {
        this.http = http;
        this.credentials = credentials;
        this.expirationMinutes = expirationMinutes;
        this.logger = logger;
        this.now = now;
        this.referer = http.origin;
    }
    async token(firstContact) {
        const current = this.current;
        if (current && (current.renewAt === undefined || this.now() < current.renewAt)) {
            return current.token;
        }
        if (current && !this.pending) {
            this.logger.info('The token is about to expire; generating a new one.');
        }
        return this.generate(firstContact);
    }
    async renew(refused) {
        if (this.current?.token === refused)
            await this.generate();
        return true;
    }
    headers() {
        return { Referer: this.referer };
    }
    generate(firstContact) {
        this.pending ??= this.request(firstContact).finally(() => (this.pending = undefined));
        return this.pending;
    }
    async request(firstContact) {
        const answer = await this.http.request({
            operation: `generateToken for user "${this.credentials.username}"`,
            method: 'POST',
            path: 'sharing/rest/generateToken',
            form: {
                username: this.credentials.username,
                password: this.credentials.password,
                client: 'referer',
                referer: this.referer,
                expiration: String(this.expirationMinutes)
            },
            retry: firstContact ? 'first-contact' : 'idempotent',
            deadline: firstContact,
            authenticated: false
        });
        if (typeof answer.token !== 'string' || answer.token === '') {
            throw new Error(`generateToken for user "${this.credentials.username}" answered without a token`);
        }
        this.http.addSecret(answer.token);
        const expires = Number(answer.expires);
        const now = this.now();
        const renewAt = Number.isFinite(expires) && expires > 0
            ? expires - Math.min(RENEW_BEFORE_EXPIRY_MS, (expires - now) / 5)
            : undefined;
        this.current = { token: answer.token, renewAt };
        return answer.token;
    }
}
/** The token source for the given credentials (already registered as secrets by main). */
function tokenSourceFor(credentials, http, timeoutMs, logger) {
    if (credentials.kind === 'token') {
        return new FixedToken(credentials.token, credentials.referer ?? http.origin);
    }
    const expirationMinutes = Math.ceil(timeoutMs / 60_000) + EXPIRATION_MARGIN_MINUTES;
    return new GeneratedToken(http, credentials, expirationMinutes, logger);
}

;// CONCATENATED MODULE: external "node:timers/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");
;// CONCATENATED MODULE: ./src/common/cancellation.ts

class CancelledError extends Error {
    constructor() {
        super('The run was cancelled');
        this.name = 'CancelledError';
    }
}
/** Waits `ms`, or throws CancelledError as soon as `signal` aborts. */
async function sleep(ms, signal) {
    if (signal?.aborted)
        throw new CancelledError();
    try {
        await (0,promises_namespaceObject.setTimeout)(ms, undefined, { signal });
    }
    catch (error) {
        if (signal?.aborted)
            throw new CancelledError();
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/arcgis/retry-policy.ts
const MAX_ATTEMPTS = {
    idempotent: Infinity,
    'first-contact': Infinity,
    'unless-sent': 3,
    once: 1
};
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_CAP_MS = 30_000;
/**
 * The wait before attempt `attempt + 1` of a request that failed with `error`, or undefined when it must not be
 * retried: exponential backoff with full jitter (`random` in [0, 1)), never shorter than the server's Retry-After.
 */
function retryDelay(policy, error, attempt, random = Math.random) {
    const retryable = error.transient &&
        (policy !== 'unless-sent' || error.delivery === 'not-received') &&
        !(policy === 'first-contact' && error.isPageWithSuccessStatus);
    if (!retryable || attempt >= MAX_ATTEMPTS[policy])
        return undefined;
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
    const jittered = Math.round(random() * ceiling);
    return Math.max(jittered, error.detail.retryAfterMs ?? 0);
}

;// CONCATENATED MODULE: ./src/arcgis/http.ts








/**
 * The only code that talks to the network. It builds every URL from the portal URL (so a token can only reach the
 * portal's origin), never follows redirects, reads every body whatever its status, recognises ArcGIS error bodies,
 * retries transient faults with backoff inside the deadline, renews tokens once on 498/499, and keeps secrets out
 * of everything it logs or throws.
 */
class PortalHttp {
    options;
    client;
    base;
    /** The proxy the requests go through (HTTPS_PROXY, HTTP_PROXY unless NO_PROXY), if any. */
    proxy;
    tokens;
    constructor(options) {
        this.options = options;
        this.base = new URL(`${options.portalUrl.replace(/\/+$/, '')}/`);
        this.proxy = getProxyUrl(this.base);
        // A proxy's CONNECT needs the host as the URL writes it, brackets included; a direct connection must not have them.
        const handlers = this.proxy ? [] : [new UnbracketedIpv6Host()];
        this.client = new lib_HttpClient(options.userAgent ?? 'arcgis-k8s-restart-action', handlers, {
            allowRedirects: false,
            allowRetries: false,
            keepAlive: false,
            // Per-request limits are enforced in send(); the socket may idle as long as the step may run.
            socketTimeout: Math.max(options.requestTimeoutMs, options.deadline.remaining())
        });
    }
    get origin() {
        return this.base.origin;
    }
    /** The host (and port) of the portal, as the URL names it: `gis.example.com`, `[2001:db8::10]:8443`. */
    get host() {
        return this.base.host;
    }
    /** The host of the proxy the requests go through, if any (never its credentials). */
    get proxyHost() {
        return this.proxy?.host;
    }
    /** The full URL of a path relative to the portal URL, for messages. */
    urlOf(path) {
        return new URL(path, this.base).href;
    }
    useTokens(tokens) {
        this.tokens = tokens;
    }
    addSecret(secret) {
        this.options.secrets.add(secret);
    }
    /** `text` without any secret: for server texts that callers log (a server may echo a token anywhere). */
    redact(text) {
        return this.options.secrets.redact(text);
    }
    /** Sends a request and returns its JSON body; throws ArcGISRequestError (or CancelledError). */
    async request(request) {
        const { signal, logger } = this.options;
        const deadline = request.deadline ?? this.options.deadline;
        let renewed = false;
        let previous;
        for (let attempt = 1;; attempt++) {
            const token = request.authenticated ? await this.token() : undefined;
            try {
                return (await this.attempt(request, token));
            }
            catch (error) {
                if (!(error instanceof ArcGISRequestError))
                    throw error;
                // An attempt that the deadline cut short tells less than the failure that led to it.
                if (previous && error.kind === 'timeout' && error.detail.deadline)
                    throw previous.atDeadline();
                previous = error;
                if (error.isAuthError &&
                    token !== undefined &&
                    !renewed &&
                    (await this.tokens.renew(token))) {
                    renewed = true;
                    logger.info(`The token was refused (${error.code}); retrying with a new one.`);
                    attempt--;
                    continue;
                }
                const waitMs = retryDelay(request.retry, error, attempt, this.options.random);
                if (waitMs === undefined)
                    throw error;
                if (waitMs >= deadline.remaining())
                    throw error.atDeadline();
                if (attempt === 1) {
                    const until = request.deadline
                        ? `for up to ${formatDuration(deadline.remaining())}`
                        : 'until the timeout';
                    logger.info(`${request.operation}: ${error.problem}; trying again ${until}`);
                }
                logger.debug(() => `${request.method} ${request.path}: attempt ${attempt} failed; next in ${waitMs} ms`);
                await sleep(waitMs, signal);
            }
        }
    }
    async token() {
        if (!this.tokens)
            throw new Error('No token source for an authenticated request');
        return this.tokens.token();
    }
    async attempt(request, token) {
        const url = new URL(request.path, this.base);
        if (url.origin !== this.base.origin) {
            throw new Error(`Refusing to send a request outside the portal's origin (${url.origin})`);
        }
        const headers = { Accept: 'application/json' };
        let body;
        if (token !== undefined)
            Object.assign(headers, this.tokens.headers());
        if (request.method === 'GET') {
            url.search = new URLSearchParams({ f: 'json' }).toString();
            if (token !== undefined)
                headers['X-Esri-Authorization'] = `Bearer ${token}`;
        }
        else {
            const form = new URLSearchParams({ ...request.form, f: 'json' });
            if (token !== undefined)
                form.set('token', token);
            headers['Content-Type'] = 'application/x-www-form-urlencoded';
            body = form.toString();
        }
        const started = Date.now();
        const response = await this.send(request, url, headers, body);
        this.options.logger.debug(() => `${request.method} ${url.pathname} -> HTTP ${response.status} (${Date.now() - started} ms)`);
        return this.interpret(request, response);
    }
    /** One HTTP exchange, bounded by the request timeout, the deadline and cancellation. */
    async send(request, url, headers, body) {
        const { signal } = this.options;
        const deadline = request.deadline ?? this.options.deadline;
        if (signal?.aborted)
            throw new CancelledError();
        const requestTimeoutMs = request.timeoutMs ?? this.options.requestTimeoutMs;
        const limitMs = Math.min(requestTimeoutMs, deadline.remaining());
        const limitedByDeadline = limitMs < requestTimeoutMs;
        const timedOut = () => this.failure('timeout', request.operation, {
            messages: [`no complete answer within ${limitMs} ms`],
            deadline: limitedByDeadline
        });
        if (limitMs <= 0)
            throw timedOut();
        let timer;
        let onAbort;
        const exchange = (async () => {
            const response = await this.client.request(request.method, url.href, body ?? null, headers);
            return {
                status: response.message.statusCode ?? 0,
                headers: response.message.headers,
                body: await response.readBody()
            };
        })();
        const bounds = new Promise((_, reject) => {
            timer = setTimeout(() => reject(timedOut()), limitMs);
            onAbort = () => reject(new CancelledError());
            signal?.addEventListener('abort', onAbort, { once: true });
        });
        try {
            return await Promise.race([exchange, bounds]);
        }
        catch (error) {
            if (error instanceof ArcGISRequestError || error instanceof CancelledError)
                throw error;
            throw this.networkError(request, error);
        }
        finally {
            clearTimeout(timer);
            if (onAbort)
                signal?.removeEventListener('abort', onAbort);
            exchange.catch(() => undefined);
        }
    }
    /** A failed request, its hint in the words of the face that runs. */
    failure(kind, operation, detail) {
        return new ArcGISRequestError(kind, operation, detail, this.options.words);
    }
    networkError(request, error) {
        const { code, message } = error;
        if (!code && /^Request timeout/.test(message)) {
            return this.failure('timeout', request.operation, {
                messages: ['the connection went silent']
            });
        }
        return this.failure('network', request.operation, {
            errno: code,
            messages: [printable(this.redact(String(message ?? error)))]
        });
    }
    interpret(request, response) {
        const detail = {
            httpStatus: response.status,
            retryAfterMs: parseRetryAfter(headerValue(response.headers['retry-after']))
        };
        if (response.status >= 300 && response.status < 400) {
            throw this.failure('redirect', request.operation, {
                ...detail,
                location: redirectHost(headerValue(response.headers.location), this.base)
            });
        }
        let body;
        try {
            // A server may echo a secret in any text: every string of the answer is redacted before anything reads it.
            body = JSON.parse(response.body, (_key, value) => typeof value === 'string' ? this.redact(value) : value);
        }
        catch {
            body = undefined;
        }
        if (!isRecord(body)) {
            throw this.failure('non-json', request.operation, {
                ...detail,
                excerpt: excerpt(this.redact(response.body))
            });
        }
        const apiError = findApiError(body, { isJob: request.isJob });
        if (apiError) {
            throw this.failure('api', request.operation, {
                ...detail,
                code: apiError.code,
                messages: apiError.messages.map(String)
            });
        }
        if (response.status >= 400)
            throw this.failure('http', request.operation, detail);
        return body;
    }
    /**
     * One GET of a URL the user gave, answered with its status whatever it is. The token (and its Referer) travels
     * only to the portal's own origin, in the X-Esri-Authorization header; any other origin gets a request without
     * credentials. A token refused with 498 or 499 is renewed once, as for any request. Redirects are never followed: a
     * 3xx is an answer like any other. Throws ArcGISRequestError when nothing complete came back (network error,
     * timeout) and CancelledError on cancellation.
     */
    async probe(href, deadline) {
        const url = new URL(href);
        const withToken = url.origin === this.base.origin && this.tokens !== undefined;
        const operation = `GET ${url.origin}${url.pathname}`;
        for (let renewed = false;; renewed = true) {
            const headers = {};
            const token = withToken ? await this.token() : undefined;
            if (token !== undefined) {
                Object.assign(headers, this.tokens.headers());
                headers['X-Esri-Authorization'] = `Bearer ${token}`;
            }
            const started = Date.now();
            const response = await this.send({ operation, method: 'GET', deadline }, url, headers, undefined);
            this.options.logger.debug(() => `${operation} -> HTTP ${response.status} (${Date.now() - started} ms)`);
            const refused = response.status === 498 || response.status === 499;
            if (token !== undefined && refused && !renewed && (await this.tokens.renew(token))) {
                this.options.logger.info(`The token was refused (${response.status}); retrying with a new one.`);
                continue;
            }
            return { status: response.status, excerpt: excerpt(this.redact(response.body)), withToken };
        }
    }
    dispose() {
        this.client.dispose();
    }
}
/**
 * @actions/http-client hands the URL's hostname to Node as it is, so an IPv6 literal reaches the resolver with its
 * brackets (`getaddrinfo ENOTFOUND [::1]`). Node wants the bare address; it brackets it again in the Host header.
 */
class UnbracketedIpv6Host {
    prepareRequest(options) {
        const host = options.host;
        if (host?.startsWith('[') && host.endsWith(']'))
            options.host = host.slice(1, -1);
    }
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        throw new Error('UnbracketedIpv6Host does not handle authentication');
    }
}
function headerValue(value) {
    return Array.isArray(value) ? value[0] : value;
}
/** The host a redirect points at (a relative Location points at the portal's own host); never its path or query. */
function redirectHost(location, base) {
    if (!location)
        return undefined;
    try {
        return new URL(location, base).host;
    }
    catch {
        return undefined;
    }
}
/** Retry-After in seconds or as an HTTP date. */
function parseRetryAfter(value) {
    if (!value)
        return undefined;
    if (/^\d+$/.test(value.trim()))
        return Number(value.trim()) * 1_000;
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
/** The title of an HTML page, or the start of any other text, for an error message. */
function excerpt(body) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1];
    return bodyExcerpt((title ?? body).trim(), 120);
}

;// CONCATENATED MODULE: external "node:tls"
const external_node_tls_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");
var external_node_tls_default = /*#__PURE__*/__nccwpck_require__.n(external_node_tls_namespaceObject);
;// CONCATENATED MODULE: ./src/arcgis/tls.ts

/**
 * Whether this Node.js can add a CA at run time: tls.setDefaultCACertificates came with Node.js 22.19 and 24.5 (and
 * tls.getCACertificates, which it needs, earlier), so 22.0-22.18, 23 and 24.0-24.4 cannot; NODE_EXTRA_CA_CERTS,
 * read when Node.js starts, works on every version.
 */
function canTrustCertificates() {
    return typeof tls.setDefaultCACertificates === 'function';
}
/**
 * Trusts a private certificate authority for this process, in addition to Node's roots (and NODE_EXTRA_CA_CERTS).
 * Verification itself is never switched off.
 */
function trustCertificates(pems) {
    if (pems.length === 0)
        return;
    external_node_tls_default().setDefaultCACertificates([...external_node_tls_default().getCACertificates('default'), ...pems]);
}

;// CONCATENATED MODULE: ./src/common/deadline.ts
/** The one deadline of the step: every wait, poll and request is bounded by it. */
class Deadline {
    now;
    at;
    constructor(timeoutMs, now = Date.now) {
        this.now = now;
        this.at = now() + timeoutMs;
    }
    remaining() {
        return Math.max(0, this.at - this.now());
    }
    passed() {
        return this.remaining() === 0;
    }
}

;// CONCATENATED MODULE: ./src/common/fixed-width.ts
/** Rows of cells as the lines of a plain-text table: each column as wide as its widest cell, two spaces apart. */
function fixedWidthLines(rows) {
    if (rows.length === 0)
        return [];
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
    return rows.map((row) => row
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd());
}

;// CONCATENATED MODULE: ./src/restart/readiness.ts
/** Ready means every replica is ready and the deployment is STARTED. */
function isReady(status) {
    return (status.currentState?.toUpperCase() === 'STARTED' &&
        status.totalReplicas !== undefined &&
        status.readyReplicas === status.totalReplicas);
}
function describeStatus(status) {
    return `${status.readyReplicas ?? '?'}/${status.totalReplicas ?? '?'} replicas ready, ${status.currentState ?? 'state unknown'}`;
}

;// CONCATENATED MODULE: ./src/restart/first-contact.ts





/**
 * How long the first contact (the token, the admin root) may take at most. A portal the runner cannot reach is the
 * typical first run of a GitHub-hosted runner against a portal on premises: it must fail in a minute, not after the
 * step's whole timeout, and a few quick retries within that minute ride out a blip.
 */
const FIRST_CONTACT_MS = 60_000;
/** The run cannot go on with this portal; the message names the fix. Ends the run as a failure, never as a timeout. */
class PortalUnusableError extends Error {
    constructor(message) {
        super(message);
        this.name = 'PortalUnusableError';
    }
}
/**
 * Gets the first token and reads the admin root within min(FIRST_CONTACT_MS, timeout), and makes sure this is ArcGIS
 * Enterprise on Kubernetes. Returns the admin API's version. An unreachable host, a page instead of the API or a
 * classic ArcGIS Enterprise is a PortalUnusableError naming the host and the likely causes.
 */
async function firstContact(portal, timeoutMs, logger, words) {
    const deadline = new Deadline(Math.min(FIRST_CONTACT_MS, timeoutMs));
    const budget = formatDuration(Math.min(FIRST_CONTACT_MS, timeoutMs));
    try {
        await portal.tokens.token(deadline);
        const info = await first_contact_readServerInfo(portal.client, deadline, logger);
        if (info.resources && !looksLikeKubernetes(info.resources)) {
            throw notKubernetes(portal.url, `its admin root lists ${info.resources.join(', ')} but no system deployments`, words);
        }
        return info.version;
    }
    catch (error) {
        throw error instanceof ArcGISRequestError ? explain(error, portal, budget, words) : error;
    }
}
/**
 * The admin root, read once: its version decides how refresh answers are read and goes into the summary. A server
 * that answers it with an ArcGIS error is not a reason to stop (the deployments may still answer), but a refused
 * token, a missing role, an unreachable portal or a page is.
 */
async function first_contact_readServerInfo(client, deadline, logger) {
    try {
        return await client.getServerInfo(deadline);
    }
    catch (error) {
        // A page instead of JSON here means the portal URL points elsewhere: that fails with its hint.
        const versionUnavailable = error instanceof ArcGISRequestError && error.notOffered && error.kind !== 'non-json';
        if (!versionUnavailable)
            throw error;
        // So does a 404 when the deployments are not there either (a wrong context: with a token, this is the first
        // request); a server that lists them is only one that does not tell its version.
        if (error.code === 404 && !(await listsDeployments(client, deadline)))
            throw error;
        logger.warning(`The admin API did not tell its version (${error.problem}); going on without it.`);
        return {};
    }
}
/** Whether the deployments can be listed, within the first contact's deadline. */
async function listsDeployments(client, deadline) {
    try {
        await client.listDeployments(undefined, deadline);
        return true;
    }
    catch (error) {
        if (error instanceof DeploymentListingUnavailable)
            return false;
        throw error;
    }
}
/** The admin root of ArcGIS Enterprise on Kubernetes lists `system`; a classic ArcGIS Server's lists machines too. */
function looksLikeKubernetes(resources) {
    const names = new Set(resources.map((name) => name.toLowerCase()));
    return names.has('system') && !names.has('machines') && !names.has('clusters');
}
/** The error for a portal that is not ArcGIS Enterprise on Kubernetes; `evidence` says how that showed. */
function notKubernetes(portalUrl, evidence, words) {
    return new PortalUnusableError(`${portalUrl} is not ArcGIS Enterprise on Kubernetes: ${evidence}. Only ArcGIS Enterprise on Kubernetes has deployments to restart (its admin API has system/deployments); a classic ArcGIS Enterprise (ArcGIS Server, Portal for ArcGIS on Windows or Linux) has none. Check ${words.name('portal-url')}.`);
}
function portalUrlForm(words) {
    return `${words.name('portal-url')} must be the URL of the portal that serves the ArcGIS REST API, https://host/<context> (for example https://gis.example.com/arcgis)`;
}
/** A portal URL without its web adaptor's context (`https://host`): the usual cause of a 404 at the first contact. */
function missingContext(url) {
    const { origin, pathname } = new URL(url);
    return pathname === '/' || pathname === ''
        ? ` ${url} names no context: the portal is usually at ${origin}/arcgis or ${origin}/portal.`
        : '';
}
/** An IP address has no name to resolve. */
function isIpAddress(host) {
    return (0,external_node_net_namespaceObject.isIP)(new URL(`https://${host}`).hostname.replace(/^\[|\]$/g, '')) !== 0;
}
/** Says what a failed first contact most likely means, or returns the error as it is when its own hint says it. */
function explain(error, portal, budget, words) {
    const { http } = portal;
    const what = `${error.operation}: ${error.problem}`;
    if (error.noAnswer) {
        const proxy = http.proxyHost
            ? `a proxy: the requests go through ${http.proxyHost} (HTTPS_PROXY); if the portal must be reached directly, add its host to NO_PROXY`
            : 'a proxy: no proxy is set; if the network requires one, set HTTPS_PROXY (and NO_PROXY for hosts reached directly) in the environment';
        // A fault that is not retried (no such host) ends the first contact at once, not at the end of its budget.
        const within = error.transient ? ` within ${budget}` : '';
        return new PortalUnusableError([
            `Could not reach the portal at ${http.host}${within} (${what}); nothing was restarted. Likely causes:`,
            `- ${words.machine} cannot reach that network: ${words.outOfReach}`,
            ...(isIpAddress(http.host)
                ? []
                : [
                    `- DNS: ${words.machine} cannot resolve the portal's host name, or resolves it to another address`
                ]),
            `- a firewall between ${words.machine} and ${http.host} drops or refuses the connection`,
            `- ${proxy}`
        ].join('\n'));
    }
    const context = missingContext(portal.url);
    if (error.code === 404 && context) {
        return new PortalUnusableError(`${what}.${context} ${portalUrlForm(words)}.`);
    }
    if (error.isPageWithSuccessStatus) {
        return new PortalUnusableError(`${what}: a page answered, not the ArcGIS REST API (a single sign-on gateway, a web app or the portal's home page answer like this). ${portalUrlForm(words)}.`);
    }
    if (error.code === 404) {
        return new PortalUnusableError(`${what}: there is no ArcGIS admin API under ${portal.url}. ${portalUrlForm(words)}, of ArcGIS Enterprise on Kubernetes.`);
    }
    if (error.transient) {
        return new PortalUnusableError(`${http.host} answered, but the admin API did not come up within ${budget} (${what}); nothing was restarted. If the portal is restarting, run again when it is back; otherwise check ${words.name('portal-url')}.`);
    }
    return error;
}

;// CONCATENATED MODULE: ./src/restart/targets.ts





/** What was asked for cannot be restarted as asked (a name that matches nothing, a stopped deployment, an empty filter). */
class TargetsError extends Error {
    constructor(message) {
        super(message);
        this.name = 'TargetsError';
    }
}
/**
 * Turns deployment-id (ids or names), service and deployment-filter into deployments, each once: those named in
 * deployment-id in input order, then those of the services, then those the filters select, by name. Everything is
 * resolved before anything restarts, so an unknown name, a named deployment that is stopped or a filter that matches
 * nothing fails the run first. With restart-if: unhealthy, stopped deployments are targets like the others, named or
 * filtered: the health check reports them as stopped and leaves them alone.
 * `version` decides how deployments are listed (see ArcGISAdminClient.listDeployments).
 */
async function resolveTargets(client, inputs, version, logger) {
    let listing;
    const allDeployments = () => (listing ??= client.listDeployments(version));
    const targets = new Map();
    const add = (deployment, service) => {
        const target = targets.get(deployment.id) ?? { deployment, services: [] };
        if (service)
            target.services.push(service);
        targets.set(deployment.id, target);
    };
    for (const deployment of await resolveNamed(inputs.deployments, client, allDeployments, logger, inputs.vocabulary)) {
        add(deployment);
    }
    for (const service of inputs.services) {
        const ids = await client.getServiceDeploymentIds(service).catch(async (error) => {
            throw error instanceof ArcGISRequestError && error.code === 404
                ? new TargetsError(`${error.message}${await similarServices(service, client)}`)
                : error;
        });
        if (ids.length === 0) {
            // A classic ArcGIS Server describes its services too, without deployments: it lists none either.
            await allDeployments().catch((error) => {
                if (!(error instanceof DeploymentListingUnavailable))
                    throw error;
                throw notKubernetes(inputs.portalUrl, `service ${service.label} names no deployment, and ${lowerFirst(error.message)}`, inputs.vocabulary);
            });
            throw new TargetsError(`Service ${service.label} names no deployment (no deploymentId in its admin resource nor in its scaling resource); name its deployment in ${inputs.vocabulary.name('deployment-id')} instead`);
        }
        logger.info(`Service ${service.label} runs in deployment${ids.length > 1 ? 's' : ''} ${ids.join(', ')}`);
        for (const id of ids) {
            // The label is the input's, validated as Folder/Name.Type: plain text.
            add(targets.get(id)?.deployment ?? (await client.getDeployment(id)), service.label.raw);
        }
    }
    const keepStopped = inputs.restartIf === 'unhealthy';
    if (!keepStopped)
        refuseStopped([...targets.values()]);
    let namedOnly = [];
    let stopped = [];
    if (inputs.deploymentFilters.length > 0) {
        const filtered = applyFilters(await allDeployments(), inputs, { named: new Set(targets.keys()), keepStopped }, logger);
        for (const deployment of filtered.selected) {
            if (!targets.has(deployment.id))
                add(deployment);
        }
        ;
        ({ namedOnly, stopped } = filtered);
    }
    for (const { deployment, services } of targets.values()) {
        warnAbout(deployment, services, logger);
    }
    return { targets: [...targets.values()], namedOnly, stopped };
}
/**
 * A deployment configured as stopped never becomes ready: restarting one that was named would wait for it until the
 * timeout, so the run fails before any refresh, naming each one.
 */
function refuseStopped(targets) {
    const lines = targets
        .filter(({ deployment }) => isStopped(deployment))
        .map((target) => `Deployment ${describeTarget(target)}${target.services.length ? `, which runs ${target.services.join(', ')},` : ''} is stopped (configuredState STOPPED): it never becomes ready while stopped, so it must be started first.`);
    if (lines.length > 0)
        throw new TargetsError(`${lines.join('\n')}\nNothing was restarted.`);
}
/**
 * Each deployment-id value is read as an id first; one the server does not know is looked up by name in the
 * listing. Every value that names no deployment, or several, is reported at once.
 */
async function resolveNamed(values, client, allDeployments, logger, words) {
    const found = [];
    const problems = [];
    for (const value of values) {
        let notAnId;
        try {
            found.push(await client.getDeployment(value));
            continue;
        }
        catch (error) {
            if (!(error instanceof ArcGISRequestError && error.notOffered))
                throw error;
            notAnId = error;
        }
        let deployments;
        try {
            deployments = await allDeployments();
        }
        catch (error) {
            if (!(error instanceof DeploymentListingUnavailable))
                throw error;
            problems.push(`${words.name('deployment-id')} "${value}" is not a deployment id (${notAnId.problem}), and deployment names cannot be looked up: ${error.message}. ${NOT_KUBERNETES_HINT}`);
            continue;
        }
        const named = byName(value, deployments);
        if (named.length === 1) {
            logger.info(`${words.name('deployment-id')} "${value}" is the name of deployment ${named[0].id}`);
            found.push(named[0]);
        }
        else if (named.length > 1) {
            problems.push(`${words.name('deployment-id')} "${value}" is the name of ${named.length} deployments: ${list(named)}; give the id of the one to restart`);
        }
        else {
            const similar = similarDeployments(value, deployments);
            problems.push(`${words.name('deployment-id')} "${value}" is neither the id nor the name of a deployment. ${similar.length > 0
                ? `Similar: ${list(similar)}.`
                : `No deployment has a similar name; a dry run with ${words.set('deployment-filter', 'all')} lists them all.`}`);
        }
    }
    if (problems.length > 0)
        throw new TargetsError(problems.join('\n'));
    return found;
}
/** Deployments called `value`: exactly as written, or else whatever the case. */
function byName(value, deployments) {
    const exact = deployments.filter((deployment) => deployment.name?.raw === value);
    if (exact.length > 0)
        return exact;
    return deployments.filter((deployment) => deployment.name?.raw.toLowerCase() === value.toLowerCase());
}
/**
 * The deployments any filter matches, by name, without those that restart only when named (unless they are, in
 * `named`) and those configured as stopped (unless `keepStopped`). A filter that selects nothing fails the run (a
 * nightly recycle that silently restarts nothing is a bug) unless allow-empty is set.
 */
function applyFilters(deployments, { deploymentFilters, allowEmpty, vocabulary: words }, { named, keepStopped }, logger) {
    const sorted = [...deployments].sort(byNameThenId);
    const selected = new Set();
    const namedOnly = new Set();
    const stopped = new Set();
    const empty = [];
    for (const filter of deploymentFilters) {
        const matching = sorted.filter((deployment) => matchesFilter(filter, deployment));
        // Named ones are targets already (and, unless kept, none of them is stopped: refuseStopped saw to that).
        const unnamed = matching.filter((deployment) => !named.has(deployment.id));
        const halted = keepStopped ? [] : unnamed.filter(isStopped);
        const left = unnamed.filter((deployment) => restartsOnlyWhenNamed(deployment) && !halted.includes(deployment));
        const kept = matching.filter((deployment) => !left.includes(deployment) && !halted.includes(deployment));
        kept.forEach((deployment) => selected.add(deployment));
        left.forEach((deployment) => namedOnly.add(deployment));
        halted.forEach((deployment) => stopped.add(deployment));
        if (kept.length > 0) {
            logger.info(`${words.name('deployment-filter')} "${filter.label}" selects ${list(kept)}`);
        }
        if (left.length > 0) {
            logger.info(`${words.name('deployment-filter')} "${filter.label}" leaves out ${list(left)}: a filter selects only deployments of GIS services (mode Shared or Dedicated, type not System); system and data store deployments, and any of another or no mode, restart only when named in ${words.name('deployment-id')}`);
        }
        if (halted.length > 0) {
            logger.info(`${words.name('deployment-filter')} "${filter.label}" leaves out ${list(halted)}: stopped (configuredState STOPPED), ${halted.length === 1 ? 'it' : 'they'} would never become ready; start ${halted.length === 1 ? 'it' : 'them'} to restart ${halted.length === 1 ? 'it' : 'them'}`);
        }
        if (kept.length === 0)
            empty.push(describeEmpty(filter, left, halted, words));
    }
    if (empty.length > 0 && !allowEmpty) {
        throw new TargetsError(`${empty.join('\n')}\nNothing was restarted. Set ${words.set('allow-empty', 'true')} if a filter may match nothing.`);
    }
    empty.forEach((line) => logger.info(`${line} (${words.set('allow-empty', 'true')})`));
    const inOrder = (set) => sorted.filter((deployment) => set.has(deployment));
    return { selected: inOrder(selected), namedOnly: inOrder(namedOnly), stopped: inOrder(stopped) };
}
/** ` Similar: A, B.` of the services the admin API lists, or '' when none is close or they cannot be listed. */
async function similarServices(service, client) {
    const listed = await client.listServices().catch(() => []);
    const close = similar(service.label.raw, listed, ({ service: each }) => [
        each.label.raw,
        each.name.raw
    ]);
    return close.length > 0
        ? ` Similar: ${close.map(({ service: each }) => each.label).join(', ')}.`
        : '';
}
function describeEmpty(filter, left, stopped, words) {
    const reasons = [
        left.length > 0 ? `deployments that restart only when named: ${list(left)}` : undefined,
        stopped.length > 0 ? `stopped deployments: ${list(stopped)}` : undefined
    ].filter((reason) => reason !== undefined);
    return reasons.length > 0
        ? `${words.name('deployment-filter')} "${filter.label}" matches only ${reasons.join('; and ')}`
        : `${words.name('deployment-filter')} "${filter.label}" matches no deployment`;
}
function warnAbout(deployment, services, logger) {
    const label = describeDeployment(deployment.name, deployment.id);
    if (deployment.mode?.raw.toLowerCase() === 'shared') {
        logger.warning(`Deployment ${deployment.id} (${deployment.name ?? 'unnamed'}) is Shared: refreshing it restarts the pods of every service that shares it${services.length ? `, not only ${services.join(', ')}` : ''}.`);
    }
    else if (restartsOnlyWhenNamed(deployment) &&
        // Known to be platform: a record that gives no mode is only not known to serve GIS services.
        (deployment.mode !== undefined || deployment.type?.raw.toLowerCase() === 'system')) {
        logger.warning(`Deployment ${label} is not a GIS service's deployment (type ${deployment.type ?? 'unknown'}, mode ${deployment.mode ?? 'unknown'}): while it restarts, the portal and the admin API may not answer; polling goes on through that until the timeout.`);
    }
}
/** Why a server may list no deployments at all (unlike the admin root's, the evidence here is not conclusive). */
const NOT_KUBERNETES_HINT = 'A classic ArcGIS Enterprise (ArcGIS Server, Portal for ArcGIS on Windows or Linux) has no deployments: only ArcGIS Enterprise on Kubernetes has deployments to restart.';
function lowerFirst(text) {
    return text.charAt(0).toLowerCase() + text.slice(1);
}
function list(deployments) {
    return deployments
        .map((deployment) => describeDeployment(deployment.name, deployment.id))
        .join(', ');
}
function describeTarget({ deployment }) {
    return describeDeployment(deployment.name, deployment.id);
}
/** `shared-mapserver (kvy7…)`, or the id alone when the deployment has no name. */
function describeDeployment(name, id) {
    return name ? `${name} (${id})` : id;
}

;// CONCATENATED MODULE: ./src/restart/results.ts


/** Before its restart starts. */
const PENDING = 'PENDING';
/** Not started, and never to be in this run (fail-fast after a failure, or a cancellation). */
const SKIPPED = 'SKIPPED';
/** While the refresh request is out: a cancellation now cannot tell whether the restart started. */
const REFRESHING = 'REFRESHING';
/**
 * Whether the restart ran cannot be told from its job: the refresh got no clear answer and no job was found, or the
 * job's record was lost while it was polled.
 */
const UNKNOWN = 'UNKNOWN';
/** A result for `target` before (or without) a restart. */
function resultFor(target, fields) {
    return {
        deploymentId: target.deployment.id,
        name: target.deployment.name,
        service: target.services.join(',') || undefined,
        ready: null,
        verified: null,
        durationSeconds: 0,
        ...fields
    };
}
/** The step's outcome from its restarts: a failure outweighs a timeout, which outweighs a restart left running. */
function overallOutcome(results) {
    for (const outcome of ['failure', 'timeout', 'submitted']) {
        if (results.some((result) => result.outcome === outcome))
            return outcome;
    }
    return 'success';
}
/** Every target's result before its restart starts. */
function pendingResults(targets) {
    return targets.map((target) => resultFor(target, { status: PENDING, outcome: 'skipped' }));
}
/**
 * The result with every text redacted (a server may echo a token anywhere). The server's own texts were redacted
 * when the HTTP layer read them; this also covers the sentences, which may quote a request's URL or a network error.
 */
function redactResult(result, redact) {
    const clean = (text) => (text === undefined ? undefined : redact(text));
    const cleanText = (text) => text && ServerText.of(redact(text.raw));
    return {
        ...result,
        jobId: cleanText(result.jobId),
        jobsUrl: cleanText(result.jobsUrl),
        error: clean(result.error),
        note: clean(result.note),
        health: result.health && { ...result.health, reason: clean(result.health.reason) }
    };
}
function describeResult(result) {
    return describeDeployment(result.name, result.deploymentId);
}
/**
 * Where a job can be followed: under the portal URL, where the action polls it. Never the server's jobsUrl, which
 * may name another host (an internal name, a reverse proxy's backend).
 */
function jobUrl(portalUrl, jobId) {
    return `${portalUrl}/admin/jobs/${encodeURIComponent(jobId.raw)}`;
}

;// CONCATENATED MODULE: ./src/restart/dry-run.ts





/**
 * A dry run: reads the status of every deployment selected (and of every one a filter left out, stopped ones
 * included), says what would
 * restart, and logs them all as a table, so that the ids can be found without the admin directory. `report` hears
 * each target's result. Restarts nothing.
 */
async function dryRun({ targets, namedOnly, stopped }, client, logger, report) {
    const rows = [];
    for (const [index, target] of targets.entries()) {
        const status = await client.getDeploymentStatus(target.deployment.id);
        const mode = target.deployment.mode ? `${target.deployment.mode}, ` : '';
        logger.info(`Would restart ${describeTarget(target)}: ${mode}${describeStatus(status)}`);
        report(index, resultFor(target, { status: 'NOT RESTARTED', outcome: 'dry-run', ready: isReady(status) }));
        rows.push(inventoryRow(target.deployment, status, true));
    }
    for (const deployment of [...namedOnly, ...stopped]) {
        rows.push(inventoryRow(deployment, await client.getDeploymentStatus(deployment.id), false));
    }
    logTable(rows, logger);
    return rows;
}
function inventoryRow(deployment, status, wouldRestart) {
    return {
        deployment,
        replicasReady: `${status.readyReplicas ?? '?'}/${status.totalReplicas ?? '?'}`,
        wouldRestart
    };
}
const INVENTORY_COLUMNS = ['Deployment', 'Id', 'Type', 'Mode', 'State', 'Ready', 'Restart'];
/** The cells of a row, in the order of INVENTORY_COLUMNS. */
function inventoryCells({ deployment, replicasReady, wouldRestart }) {
    return [
        String(deployment.name ?? ''),
        deployment.id,
        String(deployment.type ?? ''),
        String(deployment.mode ?? ''),
        // Blank when the server does not say (older servers): the run takes such a deployment as started.
        deployment.configuredState ?? '',
        replicasReady,
        wouldRestart ? 'yes' : isStopped(deployment) ? 'no: stopped' : 'only when named'
    ];
}
function logTable(rows, logger) {
    if (rows.length === 0)
        return;
    logger.info(`Deployments (${rows.filter((row) => row.wouldRestart).length} would restart):`);
    for (const line of fixedWidthLines([INVENTORY_COLUMNS, ...rows.map(inventoryCells)])) {
        logger.info(line);
    }
}

;// CONCATENATED MODULE: ./src/restart/restart-all.ts


/**
 * Restarts the targets, at most `maxConcurrency` at once, in input order. With `failFast`, no further restart starts
 * after a failure or a timeout (as a rolling deploy halts): those not started are reported as skipped.
 */
async function restartAll(targets, { maxConcurrency, failFast }, restart) {
    const results = [];
    let next = 0;
    let haltedBy;
    const worker = async () => {
        while (next < targets.length) {
            const index = next++;
            const target = targets[index];
            if (haltedBy) {
                results[index] = resultFor(target, {
                    status: SKIPPED,
                    outcome: 'skipped',
                    error: `Not restarted because ${haltedBy}`
                });
                continue;
            }
            const result = await restart(target, index);
            results[index] = result;
            if (failFast && (result.outcome === 'failure' || result.outcome === 'timeout')) {
                haltedBy ??= `${describeTarget(target)} ${result.outcome === 'failure' ? 'failed' : 'timed out'}`;
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(maxConcurrency, targets.length) }, worker));
    return results;
}

;// CONCATENATED MODULE: ./src/arcgis/job-status.ts
/** Every job status the admin API and Esri's own clients know. Anything else is unknown: polling goes on. */
const JOB_PHASES = {
    SUBMITTED: 'pending',
    EXECUTING: 'pending',
    CANCELLING: 'pending',
    UNAVAILABLE: 'pending',
    COMPLETED: 'completed',
    FAILED: 'failed',
    CANCELLED: 'failed',
    'TIME OUT': 'failed',
    'TIMED OUT': 'failed'
};
/** The phase of a job status (any case), or undefined for a status this table does not know. */
function jobPhase(status) {
    return JOB_PHASES[status.trim().toUpperCase()];
}

;// CONCATENATED MODULE: ./src/restart/find-refresh-job.ts



/** The server's clock and the runner's differ: a job that started this much before the refresh went out may be its. */
const CLOCK_SKEW_MS = 60_000;
/** A job can show up in the listing a moment after its refresh's answer was lost: look again after these pauses. */
const LOOK_AGAIN_AFTER_MS = [2_000, 4_000];
/**
 * A real listing gives bare ids, hundreds on a busy server, in no documented order and without paging: each record
 * is read on its own, this many at once at most, until the refresh job is found.
 */
const MAX_CONCURRENT_READS = 8;
/** Job records read, at most, in one search (over every look at the listing). */
const MAX_JOB_READS = 1_000;
/**
 * Looks in `<root>/jobs` for the job of a refresh of `deploymentId` whose answer was lost: a job whose operationURI
 * is that deployment's refresh and that started since `sentAt` (epoch ms, less CLOCK_SKEW_MS), or one without a start
 * time that is still running. The nearest to `sentAt` wins. The listing has no documented filter, so the filtering is
 * done here.
 */
async function findRefreshJob(client, deploymentId, sentAt, { deadline, signal }, logger) {
    const records = { known: new Map(), asked: 0, announced: false };
    const isCandidate = (job) => refreshes(job.operationUri, deploymentId) &&
        (job.startTime !== undefined
            ? job.startTime >= sentAt - CLOCK_SKEW_MS
            : jobPhase(job.status) === 'pending');
    let listing = [];
    for (const pause of [0, ...LOOK_AGAIN_AFTER_MS]) {
        if (pause > 0) {
            if (pause >= deadline.remaining())
                break;
            await sleep(pause, signal);
        }
        try {
            listing = await client.listJobs();
        }
        catch (error) {
            if (!(error instanceof ArcGISRequestError))
                throw error;
            return { kind: 'not-found', reason: `the list of jobs could not be read (${error.problem})` };
        }
        const found = await nearestRefreshJob(client, listing, isCandidate, sentAt, records, {
            deadline,
            logger
        });
        if (found)
            return { kind: 'found', ...found };
    }
    return {
        kind: 'not-found',
        reason: `the admin API lists no refresh job for it submitted since ${new Date(sentAt).toISOString()} (${howMuchWasRead(listing, records, deadline)})`
    };
}
/** `480 of 1200 job records read before the timeout`, for a search that found nothing. */
function howMuchWasRead(listing, records, deadline) {
    if (listing.length === 0)
        return 'its list of jobs is empty';
    const read = listing.filter((entry) => records.known.has(entry.jobId.raw)).length;
    const why = read === listing.length
        ? ''
        : deadline.passed()
            ? ' before the timeout'
            : records.asked >= MAX_JOB_READS
                ? `: at most ${MAX_JOB_READS} are read`
                : ' (the others could not be read)';
    return `${read} of ${listing.length} job records read${why}`;
}
async function nearestRefreshJob(client, listing, isCandidate, sentAt, records, { deadline, logger }) {
    for (const { jobId, job } of listing) {
        // A listing of job objects tells enough when it gives the operation and a start time or status.
        if (job?.operationUri && (job.startTime !== undefined || job.status)) {
            records.known.set(jobId.raw, job);
        }
    }
    const candidates = () => listing.flatMap(({ jobId }) => {
        const job = records.known.get(jobId.raw);
        return job && isCandidate(job) ? [{ jobId, job }] : [];
    });
    if (candidates().length === 0) {
        const unread = listing.filter(({ jobId }) => !records.known.has(jobId.raw));
        const ids = fromBothEnds(unread.map(({ jobId }) => jobId)).slice(0, Math.max(0, MAX_JOB_READS - records.asked));
        if (ids.length > MAX_CONCURRENT_READS && !records.announced) {
            records.announced = true;
            logger.info(`The admin API lists ${listing.length} jobs; reading their records ${MAX_CONCURRENT_READS} at a time until the refresh job is found (at most ${MAX_JOB_READS}).`);
        }
        await readUntilFound(ids, async (jobId) => {
            records.asked++;
            const job = await find_refresh_job_readJob(client, jobId, logger);
            if (job)
                records.known.set(jobId.raw, job);
            return job !== undefined && isCandidate(job);
        }, deadline);
    }
    const distance = ({ job }) => Math.abs((job.startTime ?? sentAt) - sentAt);
    const [nearest] = candidates().sort((a, b) => distance(a) - distance(b));
    return nearest && { jobId: nearest.jobId, status: nearest.job.status || 'SUBMITTED' };
}
/**
 * Reads the records of `ids` in order, MAX_CONCURRENT_READS at once, until `read` says one is the job wanted or the
 * deadline passes; the reads under way then end, and no new one starts.
 */
async function readUntilFound(ids, read, deadline) {
    let next = 0;
    let stop = false;
    const reader = async () => {
        try {
            while (!stop && next < ids.length && !deadline.passed()) {
                if (await read(ids[next++]))
                    stop = true;
            }
        }
        catch (error) {
            stop = true;
            throw error;
        }
    };
    await Promise.all(Array.from({ length: Math.min(MAX_CONCURRENT_READS, ids.length) }, reader));
}
/** The last, the first, the last but one, …: where a job just submitted is likeliest, whichever way it is ordered. */
function fromBothEnds(items) {
    const ordered = [];
    for (let low = 0, high = items.length - 1; low <= high; low++, high--) {
        ordered.push(items[high]);
        if (low < high)
            ordered.push(items[low]);
    }
    return ordered;
}
/** One job record; a job that cannot be read (gone, or the API busy) is passed over. */
async function find_refresh_job_readJob(client, jobId, logger) {
    try {
        return await client.getJob(jobId);
    }
    catch (error) {
        if (!(error instanceof ArcGISRequestError))
            throw error;
        logger.debug(() => `Job ${jobId} could not be read: ${error.problem}`);
        return undefined;
    }
}
/**
 * True when `operationUri` is the refresh of `deploymentId`. Esri's examples give it relative
 * (`system/deployments/<id>/refresh`) or from the context (`/<context>/admin/…`); a full URL reads the same.
 */
function refreshes(operationUri, deploymentId) {
    if (!operationUri)
        return false;
    const segments = operationUri.split(/[?#]/)[0].split('/').filter(Boolean).map(decode);
    const [system, deployments, id, operation] = segments.slice(-4);
    return (system?.toLowerCase() === 'system' &&
        deployments?.toLowerCase() === 'deployments' &&
        id === deploymentId &&
        operation?.toLowerCase() === 'refresh');
}
function decode(segment) {
    try {
        return decodeURIComponent(segment);
    }
    catch {
        return segment;
    }
}

;// CONCATENATED MODULE: ./src/restart/poll-schedule.ts
/** The first poll comes this long after the job was submitted. */
const FIRST_POLL_MS = 1_000;
/** Between polls, wait about this share of the time already spent. */
const ELAPSED_SHARE = 0.1;
/**
 * How long to wait before the next poll. The wait grows with the time already spent (a tenth of it), so a job that
 * ends is noticed within max(1 s, 10 % of its duration), while the number of polls grows only with the logarithm of
 * the job's length. It never exceeds `maxIntervalMs` nor the time left before the deadline.
 */
function nextPollDelay(elapsedMs, remainingMs, maxIntervalMs) {
    const wanted = Math.max(FIRST_POLL_MS, elapsedMs * ELAPSED_SHARE);
    return Math.round(Math.max(0, Math.min(wanted, maxIntervalMs, remainingMs)));
}

;// CONCATENATED MODULE: ./src/restart/poll.ts




/** A line while nothing changes, so the log shows the step is alive. */
const HEARTBEAT_MS = 30_000;
/** pollUntil with the deadline, interval, cancellation and clock of `context`. */
function pollWithin(context, logger, subject, check) {
    const { deadline, pollIntervalMs, maxOutageMs, lookAtOnce, signal, now } = context;
    return pollUntil({
        subject,
        check,
        deadline,
        maxIntervalMs: pollIntervalMs,
        maxOutageMs,
        lookAtOnce,
        signal,
        now,
        logger
    });
}
/**
 * Polls until `check` reports done or the deadline passes, on the adaptive schedule of poll-schedule.ts.
 * A state change is logged when it happens, and a heartbeat every 30 s while nothing changes. A failed look counts as
 * "still pending", whatever the failure (see stopsPolling): while the admin API, its store, the portal or the ingress
 * restart, they answer 5xx pages, JSON errors, "not found" or nothing at all for a while, and Esri's own pollers keep
 * going through all of it.
 */
async function pollUntil(options) {
    const { subject, check, deadline, maxIntervalMs, logger, signal } = options;
    const now = options.now ?? Date.now;
    const wait = options.sleep ?? sleep;
    const started = now();
    let lastState;
    let lastLineAt = started;
    let outageSince;
    let notBeforeMs = 0;
    for (let first = true;; first = false) {
        if (!(first && options.lookAtOnce)) {
            const scheduled = nextPollDelay(now() - started, deadline.remaining(), maxIntervalMs);
            await wait(Math.min(Math.max(scheduled, notBeforeMs), deadline.remaining()), signal);
        }
        if (deadline.passed())
            return { kind: 'timeout', lastState };
        notBeforeMs = 0;
        try {
            const step = await check();
            if (outageSince !== undefined) {
                logger.info(`${subject}: the admin API answers again`);
                outageSince = undefined;
            }
            if (step.done)
                return { kind: 'done', value: step.value };
            if (step.state !== lastState) {
                logger.info(`${subject}: ${step.state}`);
                lastState = step.state;
                lastLineAt = now();
            }
        }
        catch (error) {
            if (stopsPolling(error))
                throw error;
            const { problem, detail } = error;
            notBeforeMs = detail.retryAfterMs ?? 0;
            if (outageSince === undefined) {
                logger.info(`${subject}: the admin API is not answering (${problem}); still waiting`);
                outageSince = now();
                lastLineAt = outageSince;
            }
            else if (options.maxOutageMs !== undefined && now() - outageSince >= options.maxOutageMs) {
                return { kind: 'unreadable', forMs: now() - outageSince, problem };
            }
        }
        if (now() - lastLineAt >= HEARTBEAT_MS) {
            logger.info(`${subject}: still ${lastState ?? 'waiting'} after ${formatDuration(now() - started)}`);
            lastLineAt = now();
        }
    }
}
/**
 * The failures that waiting cannot cure: a token that was refused and could not be renewed (the HTTP layer renews a
 * generated one before it gets here), a missing role, and anything that is not an answer of the server (a bug,
 * a cancellation).
 */
function stopsPolling(error) {
    if (!(error instanceof ArcGISRequestError))
        return true;
    return error.isAuthError || error.code === 401 || error.code === 403;
}

;// CONCATENATED MODULE: ./src/common/map-limited.ts
/** `work` on every item, at most `limit` at once, started in order; the results in the items' order. */
async function mapLimited(items, limit, work) {
    const results = [];
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await work(items[index]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}

;// CONCATENATED MODULE: ./src/restart/verify.ts





/** Service statuses read at once while planning: a Shared deployment may run hundreds of services. */
const STATUS_READS_AT_ONCE = 8;
/**
 * Decides, before anything restarts, what to check for each target: the services named in `service` for a target
 * reached through them; for any other, the services the admin API lists as running in its deployment; and the
 * verify-url URLs for every target. Of those services, the ones configured as stopped are left out and named once.
 */
async function planChecks(targets, inputs, client, logger) {
    const unnamed = targets.filter((target) => target.services.length === 0);
    const served = unnamed.length > 0 ? await servicesOf(unnamed, client) : new Map();
    const planned = targets.map(({ deployment, services }) => {
        const urls = inputs.verifyUrls;
        if (services.length > 0) {
            return {
                services: inputs.services.filter((service) => services.includes(service.label.raw)),
                urls
            };
        }
        if (typeof served === 'string')
            return { services: [], urls, servicesUnknown: served };
        const found = served.get(deployment.id) ?? [];
        return found.length > 0
            ? { services: found, urls }
            : { services: [], urls, servicesUnknown: 'the admin API lists no service running in it' };
    });
    const stopped = await stoppedServices(planned.flatMap((checks) => checks.services), client, logger);
    return planned.map((checks, index) => {
        const left = checks.services.filter((service) => stopped.has(service.label.raw));
        if (left.length > 0) {
            logger.info(`${describeTarget(targets[index])}: ${stoppedNotChecked(left.map((service) => service.label))}`);
        }
        return {
            ...checks,
            services: checks.services.filter((service) => !stopped.has(service.label.raw)),
            stopped: left
        };
    });
}
/** `2 stopped services not checked: A, B`, as the log and the summary say it. */
function stoppedNotChecked(labels) {
    const services = labels.length === 1 ? 'service' : 'services';
    return `${labels.length} stopped ${services} not checked: ${labels.join(', ')}`;
}
/**
 * The labels (their text) of the services configured as stopped. A status that cannot be read leaves its service checked, as if
 * started: the verification then finds out whether it answers.
 */
async function stoppedServices(services, client, logger) {
    const distinct = [...new Map(services.map((service) => [service.label.raw, service])).values()];
    const unread = [];
    const states = await mapLimited(distinct, STATUS_READS_AT_ONCE, async (service) => {
        try {
            return (await client.getServiceStatus(service)).configuredState;
        }
        catch (error) {
            if (!(error instanceof ArcGISRequestError))
                throw error;
            unread.push(`${service.label} (${error.problem})`);
            return undefined;
        }
    });
    if (unread.length > 0) {
        const first = unread.length > 1 ? `${unread[0]} and ${unread.length - 1} more` : unread[0];
        logger.info(`The status of ${unread.length === 1 ? 'a service' : `${unread.length} services`} could not be read, so ${unread.length === 1 ? 'it is' : 'they are'} checked as if started: ${first}.`);
    }
    return new Set(distinct.flatMap((service, index) => (states[index] === 'STOPPED' ? [service.label.raw] : [])));
}
/**
 * The services running in each of `targets`' deployments, from the services listing. An entry that does not say
 * which deployment serves it is read on its own, if its type is one of the targets' types (a MapServer deployment
 * serves MapServer services). When the server offers no listing, why.
 */
async function servicesOf(targets, client) {
    let listed;
    try {
        listed = await client.listServices();
    }
    catch (error) {
        if (!(error instanceof ArcGISRequestError && error.notOffered))
            throw error;
        return `the admin API did not list the services (${error.problem})`;
    }
    const ids = new Set(targets.map((target) => target.deployment.id));
    const types = targets.map((target) => target.deployment.type?.raw.toLowerCase());
    const byDeployment = new Map();
    for (const { service, deploymentId } of listed) {
        const serving = deploymentId
            ? [deploymentId]
            : types.includes(undefined) || types.includes(service.type.raw.toLowerCase())
                ? await deploymentsOf(service, client)
                : [];
        for (const id of serving) {
            if (ids.has(id))
                byDeployment.set(id, [...(byDeployment.get(id) ?? []), service]);
        }
    }
    return byDeployment;
}
async function deploymentsOf(service, client) {
    try {
        return await client.getServiceDeploymentIds(service);
    }
    catch (error) {
        if (error instanceof ArcGISRequestError && error.notOffered)
            return [];
        throw error;
    }
}
/**
 * Polls each service's REST endpoint until it answers JSON without an error, then each URL until it answers 2xx,
 * all within the step's deadline. Any failed answer counts as "not yet": a restarted service answers errors for a
 * while; but a refused token (498, 499, 403) would be refused until the timeout, so it ends the verification at once
 * (the HTTP layer has already renewed a generated token once). The first check that does not succeed ends it.
 */
async function verifyTarget(checks, context, logger) {
    if (checks.servicesUnknown) {
        const what = checks.urls.length > 0 ? 'pod readiness and the URLs to verify are' : 'pod readiness is';
        logger.info(`Only ${what} checked: ${checks.servicesUnknown}.`);
    }
    if (checks.services.length === 0 && checks.urls.length === 0)
        return { kind: 'unchecked' };
    const unanswered = await firstUnanswered(checks, context, logger);
    if (!unanswered)
        return { kind: 'verified' };
    if ('refused' in unanswered)
        return { kind: 'failed', error: unanswered.refused };
    return {
        kind: 'timeout',
        error: `${unanswered.failed} before the timeout (last answer: ${unanswered.answer})`
    };
}
/**
 * Probes the services, then the URLs, of `checks`, each until it answers correctly or `context`'s deadline passes
 * (the step's for a verification, a few seconds for a health check); the first that does not is returned.
 */
async function firstUnanswered(checks, context, logger) {
    const { client } = context;
    // Each check its own time, so that slow answers of the first do not leave the next none.
    const each = () => context.checkMs === undefined
        ? context
        : {
            ...context,
            deadline: new Deadline(Math.min(context.checkMs, context.deadline.remaining()))
        };
    for (const service of checks.services) {
        const url = client.serviceUrl(service);
        const subject = `Service ${service.label}`;
        const check = each();
        const answered = await answers(subject, check, logger, async () => {
            try {
                await client.readServiceEndpoint(service, check.deadline);
                return { done: true, value: undefined };
            }
            catch (error) {
                if (error instanceof ArcGISRequestError && refusesToken(error.code)) {
                    return {
                        done: true,
                        value: refusal(`${subject} at ${url}`, error.problem, context.words)
                    };
                }
                throw error;
            }
        });
        if (typeof answered === 'object')
            return answered;
        if (answered !== true) {
            return { failed: `Service ${service.label} did not answer at ${url}`, answer: answered };
        }
        logger.info(`Service ${service.label} answers at ${url}`);
    }
    for (const url of checks.urls) {
        const check = each();
        const answered = await answers(url, check, logger, async () => {
            const { status, excerpt, withToken } = await client.probe(url, check.deadline);
            const answer = `HTTP ${status}${excerpt ? ` (${excerpt})` : ''}`;
            if (withToken && refusesToken(status)) {
                return { done: true, value: refusal(url, answer, context.words) };
            }
            return status >= 200 && status < 300
                ? { done: true, value: undefined }
                : { done: false, state: answer };
        });
        if (typeof answered === 'object')
            return answered;
        if (answered !== true) {
            return { failed: `${url} did not answer with HTTP 2xx`, answer: answered };
        }
        logger.info(`${url} answers`);
    }
    return undefined;
}
/** 498 (invalid token), 499 (no token), 403 (not allowed): answers that waiting does not change. */
function refusesToken(code) {
    return code === 498 || code === 499 || code === 403;
}
function refusal(where, answer, words) {
    return {
        refused: `${where} refused the request (${answer}) and would go on refusing it until the timeout, so the verification stopped. Likely causes: a token minted for another referer (set ${words.name('token-referer')} to the referer it was minted with) or for another IP address (client=ip or requestip), or a service the administrator's account cannot see.`
    };
}
/** True once `check` is done; the refusal it ended with, if it ended with one; else the last answer seen. */
async function answers(subject, context, logger, check) {
    let lastAnswer;
    const result = await pollWithin(context, logger, subject, async () => {
        try {
            const step = await check();
            if (!step.done)
                lastAnswer = step.state;
            return step;
        }
        catch (error) {
            if (!(error instanceof ArcGISRequestError))
                throw error;
            // An attempt that the deadline cut short tells nothing of the URL: the answer before it is the one to report.
            if (!(error.detail.deadline && lastAnswer !== undefined))
                lastAnswer = error.problem;
            return { done: false, state: lastAnswer };
        }
    });
    if (result.kind === 'done')
        return result.value ?? true;
    return result.kind === 'timeout' ? (result.lastState ?? 'no answer') : result.problem;
}

;// CONCATENATED MODULE: ./src/restart/restart-deployment.ts











/**
 * How long a job may stay unreadable before the action stops asking for it and checks its deployment instead (at
 * most half the time left when the job was submitted): a restart of the admin API or its store can lose job records.
 */
const JOB_RECORD_GRACE_MS = 3 * 60_000;
/** Restarts one deployment: refresh, wait for its job, then for its pods. Never throws but on cancellation. */
async function restartDeployment(target, context, logger) {
    const now = context.now ?? Date.now;
    const started = now();
    const result = resultFor(target, {
        status: REFRESHING,
        outcome: 'failure',
        stoppedServices: context.checks?.stopped?.map((service) => service.label)
    });
    const finish = (changes) => {
        Object.assign(result, changes, { durationSeconds: Math.round((now() - started) / 100) / 10 });
        return result;
    };
    try {
        logger.info(`Refreshing deployment ${describeTarget(target)}`);
        context.onChange(result);
        const answer = await refresh(target, context, logger);
        if (answer.kind === 'unknown') {
            return finish({
                status: UNKNOWN,
                outcome: context.deadline.passed() ? 'timeout' : 'failure',
                error: answer.error
            });
        }
        let jobLost = false;
        if (answer.kind === 'done') {
            logger.info('The server restarted it synchronously (it has no restart jobs).');
            result.status = 'COMPLETED';
            if (!context.wait)
                return finish({ outcome: 'success' });
        }
        else {
            Object.assign(result, {
                jobId: answer.jobId,
                jobsUrl: answer.jobsUrl,
                status: answer.status.toUpperCase()
            });
            logger.info(`Job ${answer.jobId} submitted${answer.jobsUrl ? `: ${answer.jobsUrl}` : ''}`);
            if (answer.jobsUrl && !sameOrigin(answer.jobsUrl.raw, context.portalUrl)) {
                logger.info(`The job URL names another host; the job is polled at the portal (${new URL(context.portalUrl).origin}), never through that host.`);
            }
            context.onChange(result);
            if (!context.wait)
                return finish({ outcome: 'submitted' });
            const followed = await followJob(answer.jobId, result, context, logger);
            if (followed.kind === 'ended')
                return finish(followed.changes);
            jobLost = followed.kind === 'lost';
        }
        // A lost job leaves the pods as the only evidence of the restart: they are checked even without wait-for-ready.
        if (!context.waitForReady && !jobLost)
            return finish({ outcome: 'success' });
        const readiness = await waitForReady(target, context, logger);
        if (readiness.kind !== 'done') {
            const lastState = readiness.kind === 'timeout' ? readiness.lastState : undefined;
            return finish({
                ready: false,
                outcome: 'timeout',
                error: `The pods were not ready before the timeout (${lastState ?? 'no status seen'})${jobLost ? `. ${result.note}` : ''}`
            });
        }
        logger.info('All pods are ready');
        result.ready = true;
        if (!context.checks)
            return finish({ outcome: 'success' });
        const verification = await verifyTarget(context.checks, context, logger);
        if (verification.kind === 'timeout' || verification.kind === 'failed') {
            const outcome = verification.kind === 'timeout' ? 'timeout' : 'failure';
            return finish({ verified: false, outcome, error: verification.error });
        }
        return finish({ verified: verification.kind === 'verified' ? true : null, outcome: 'success' });
    }
    catch (error) {
        if (error instanceof CancelledError) {
            // The report keeps how long it ran until the cancellation (the command's table shows it on Ctrl-C) and why it
            // ended, which the JUnit report gives as the failure.
            context.onChange(finish({
                error: result.jobId
                    ? `The run was cancelled while job ${result.jobId} was ${result.status}; the restart goes on in the cluster.`
                    : 'The run was cancelled while the refresh was being sent: the restart may have started.'
            }));
            throw error;
        }
        const timedOut = error instanceof ArcGISRequestError && error.detail.deadline === true;
        return finish({
            status: result.status === REFRESHING ? 'ERROR' : result.status,
            outcome: timedOut ? 'timeout' : 'failure',
            error: error.message
        });
    }
}
/**
 * Sends the refresh. The HTTP layer sends it again only when it certainly did not reach the admin API; after an
 * answer that leaves it open whether the restart started (a 502, a 504, a timeout, a reset), it is never sent again:
 * the refresh job is looked for in the admin API's jobs and followed if found; if not, the restart is reported as
 * possibly started, with the deployment's status.
 */
async function refresh(target, context, logger) {
    const { client, deadline, signal } = context;
    const id = target.deployment.id;
    const sentAt = Date.now();
    try {
        return await client.refreshDeployment(id, context.synchronousRefresh ? deadline.remaining() : undefined);
    }
    catch (error) {
        if (!(error instanceof ArcGISRequestError) || error.delivery !== 'unknown')
            throw error;
        logger.warning(`The refresh got no clear answer (${error.problem}): it may have reached the admin API, so it is not sent again.`);
        let reason;
        if (deadline.passed()) {
            reason = 'the timeout left no time to look for its job';
        }
        else if (context.synchronousRefresh) {
            reason = 'this version has no restart jobs to look for';
        }
        else {
            logger.info(`Looking for a refresh job of ${describeTarget(target)} in the admin API's jobs`);
            const search = await findRefreshJob(client, id, sentAt, { deadline, signal }, logger);
            if (search.kind === 'found') {
                logger.info(`Found its job ${search.jobId} (${search.status}); following it.`);
                return { kind: 'job', jobId: search.jobId, status: search.status };
            }
            reason = search.reason;
        }
        return {
            kind: 'unknown',
            error: `The refresh of ${describeTarget(target)} got no clear answer (${error.problem}), so the restart may have started; ${reason}. ${await statusNow(id, client)} Another run will restart it again.`
        };
    }
}
/** The deployment's status as a sentence, for a message that must say where things stand. */
async function statusNow(id, client) {
    try {
        return `Its status now: ${describeStatus(await client.getDeploymentStatus(id, 'once'))}.`;
    }
    catch (error) {
        if (!(error instanceof ArcGISRequestError))
            throw error;
        return `Its status could not be read (${error.problem}).`;
    }
}
/**
 * Polls the job until it ends, keeping `result.status` current. A lost record leaves the status UNKNOWN and a note
 * that says so.
 */
async function followJob(jobId, result, context, logger) {
    const end = await waitForJob(jobId, context, logger, (status) => (result.status = status));
    switch (end.kind) {
        case 'timeout':
            return {
                kind: 'ended',
                changes: {
                    outcome: 'timeout',
                    error: `Job ${jobId} did not end before the timeout (last status ${result.status}); the restart goes on in the cluster: ${jobUrl(context.portalUrl, jobId)}`
                }
            };
        case 'unreadable': {
            const unread = `Job ${jobId} could not be read for ${formatDuration(end.forMs)} (last: ${end.problem})`;
            logger.warning(`${unread}: its record may have been lost (a restart of the admin API can lose it). Checking the deployment's pods instead.`);
            result.status = UNKNOWN;
            result.note = `${unread}: its record was lost, so whether the job completed is unknown; the deployment's readiness decided the outcome.`;
            return { kind: 'lost' };
        }
        case 'done':
            if (end.value.kind === 'failed') {
                logger.info(end.value.error);
                const { status, error, messages } = end.value;
                return { kind: 'ended', changes: { status, outcome: 'failure', error, messages } };
            }
            result.status = 'COMPLETED';
            logger.info(`Job ${jobId} completed`);
            return { kind: 'completed' };
    }
}
function waitForJob(jobId, context, logger, onStatus) {
    const unknownStatuses = new Set();
    const maxOutageMs = Math.min(JOB_RECORD_GRACE_MS, context.deadline.remaining() / 2);
    return pollWithin({ ...context, maxOutageMs }, logger, `Job ${jobId}`, async () => {
        const job = await context.client.getJob(jobId);
        const status = job.status || UNKNOWN;
        onStatus(status);
        const reason = job.messages.length
            ? `: ${joinTexts(job.messages, ' ')}`
            : ' (its record gives no reason; the admin API logs may)';
        switch (jobPhase(status)) {
            case 'completed':
                return job.resultIsError
                    ? {
                        done: true,
                        value: {
                            kind: 'failed',
                            status: 'FAILED',
                            error: `Job ${jobId} completed with an error in its result${reason}`,
                            messages: job.messages
                        }
                    }
                    : { done: true, value: { kind: 'completed' } };
            case 'failed':
                return {
                    done: true,
                    value: {
                        kind: 'failed',
                        status,
                        error: `Job ${jobId} ended ${status}${reason}`,
                        messages: job.messages
                    }
                };
            case undefined:
                if (!unknownStatuses.has(status)) {
                    unknownStatuses.add(status);
                    logger.warning(`Job ${jobId} reports the unknown status "${status}"; polling on until it ends or the timeout.`);
                }
        }
        return { done: false, state: status };
    });
}
function waitForReady(target, context, logger) {
    return pollWithin(context, logger, `Pods of ${describeTarget(target)}`, async () => {
        const status = await context.client.getDeploymentStatus(target.deployment.id, 'once');
        return isReady(status)
            ? { done: true, value: status }
            : { done: false, state: describeStatus(status) };
    });
}
function sameOrigin(url, portalUrl) {
    try {
        return new URL(url).origin === new URL(portalUrl).origin;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/restart/health.ts








/**
 * A health probe is a few quick tries, not the patience after a restart: a service that is healthy answers at once,
 * and one that does not answer within this is worth a restart.
 */
const HEALTH_PROBE_MS = 5_000;
const HEALTH_PROBE_INTERVAL_MS = 1_000;
/** The Services cell of a deployment whose services were not probed (verify off, or its pods already failed). */
const NOT_PROBED = 'not checked';
/** The result statuses of deployments the health check left alone: not restarted, so no job status of theirs. */
const HEALTH_STATUSES = ['HEALTHY', 'STOPPED', 'UNHEALTHY'];
/** A check that could not be made: no reason to restart, so the run fails, restarting nothing. */
class HealthCheckError extends Error {
    constructor(message) {
        super(message);
        this.name = 'HealthCheckError';
    }
}
/**
 * Checks every target, at most `maxConcurrency` at once: `checks` (one per target, from planChecks) are probed only
 * when verify is on and the pods look healthy. Throws HealthCheckError when a check cannot be made; the checks not
 * started by then are not made.
 */
async function checkHealth(targets, checks, context, logger) {
    logger.info(`Checking the health of ${targets.length} deployment${targets.length === 1 ? '' : 's'} (${context.words.set('restart-if', 'unhealthy')})`);
    let failed = false;
    const verdicts = await mapLimited(targets.map((target, index) => ({ target, checks: checks?.[index] })), context.maxConcurrency, async ({ target, checks }) => {
        if (failed)
            return undefined;
        try {
            return await checkOne(target, checks, context, logger);
        }
        catch (error) {
            failed = true;
            throw error;
        }
    });
    return verdicts.filter((verdict) => verdict !== undefined);
}
async function checkOne(target, checks, { client, deadline, signal, words }, logger) {
    if (isStopped(target.deployment)) {
        return {
            verdict: 'stopped',
            pods: '',
            services: '',
            reason: 'stopped by an administrator (configuredState STOPPED): left alone'
        };
    }
    const cannot = (why) => new HealthCheckError(`The health of ${describeTarget(target)} could not be checked: ${why}. Nothing was restarted: a check that cannot be made is no reason to restart.`);
    // A few quick looks, as for the services: a blip is not a reason to fail, an admin API that does not answer is.
    const statusDeadline = new Deadline(Math.min(2 * HEALTH_PROBE_MS, deadline.remaining()));
    const read = await pollWithin({
        deadline: statusDeadline,
        pollIntervalMs: HEALTH_PROBE_INTERVAL_MS,
        maxOutageMs: HEALTH_PROBE_MS,
        lookAtOnce: true,
        signal
    }, logger, `The status of ${describeTarget(target)}`, async () => ({
        done: true,
        value: await client.getDeploymentStatus(target.deployment.id, 'once', statusDeadline)
    }));
    if (read.kind !== 'done') {
        throw cannot(read.kind === 'unreadable'
            ? `its status could not be read for ${formatDuration(read.forMs)} (${read.problem})`
            : 'its status could not be read before the timeout');
    }
    const status = read.value;
    const pods = `${status.readyReplicas ?? '?'}/${status.totalReplicas ?? '?'}`;
    const wrong = podsProblem(status);
    if (wrong)
        return { verdict: 'unhealthy', pods, services: NOT_PROBED, reason: wrong };
    if (!checks || (checks.services.length === 0 && checks.urls.length === 0)) {
        return { verdict: 'healthy', pods, services: checks?.servicesUnknown ? 'unknown' : NOT_PROBED };
    }
    const probe = {
        client,
        deadline,
        checkMs: HEALTH_PROBE_MS,
        pollIntervalMs: HEALTH_PROBE_INTERVAL_MS,
        lookAtOnce: true,
        signal,
        words
    };
    const unanswered = await firstUnanswered(checks, probe, logger);
    if (!unanswered)
        return { verdict: 'healthy', pods, services: 'answer' };
    // A refused token would be refused after a restart too.
    if ('refused' in unanswered)
        throw cannot(unanswered.refused.replace(/\.$/, ''));
    return {
        verdict: 'unhealthy',
        pods,
        services: 'do not answer',
        reason: `${unanswered.failed} within ${formatDuration(HEALTH_PROBE_MS)} (answer: ${unanswered.answer})`
    };
}
/**
 * What is wrong with the pods: a state other than STARTED, or fewer replicas ready than there are. A status that
 * does not give the state or the counts is not held against the deployment: a restart would not make it say more.
 */
function podsProblem({ currentState, readyReplicas, totalReplicas }) {
    const pods = `${readyReplicas ?? '?'}/${totalReplicas ?? '?'} pods ready`;
    if (currentState !== undefined && currentState.toUpperCase() !== 'STARTED') {
        return `state ${currentState}, ${pods}`;
    }
    if (readyReplicas !== undefined && totalReplicas !== undefined && readyReplicas < totalReplicas) {
        return pods;
    }
    return undefined;
}
/**
 * How many unhealthy deployments the brake lets through when `checked` were checked: a count as given, a percentage
 * of `checked` rounded down (50% of 3 is 1), and never fewer than 1, so that one broken deployment is always healed.
 */
function allowedUnhealthy(max, checked) {
    return Math.max(1, 'count' in max ? max.count : Math.floor((max.percent * checked) / 100));
}
/**
 * Why the brake stops the run, or undefined when it does not: more of the deployments checked (stopped ones are
 * not) are unhealthy than max-unhealthy allows.
 */
function brakeReason(targets, verdicts, max, words) {
    const checked = verdicts.filter((verdict) => verdict.verdict !== 'stopped').length;
    const unhealthy = targets.flatMap((target, index) => verdicts[index].verdict === 'unhealthy'
        ? [`${describeTarget(target)}: ${verdicts[index].reason}`]
        : []);
    const allowed = allowedUnhealthy(max, checked);
    if (unhealthy.length <= allowed)
        return undefined;
    const given = 'count' in max ? String(max.count) : `${max.percent}% of ${checked}, so ${allowed}`;
    return [
        `${unhealthy.length} of ${checked} deployments checked are unhealthy, more than ${words.name('max-unhealthy')} allows (${given}): nothing was restarted.`,
        'So many at once looks like a platform problem (storage, the ingress, the cluster) rather than the microservices, and restarting them all would make it worse. Unhealthy:',
        ...unhealthy.map((line) => `- ${line}`)
    ].join('\n');
}
/** The columns of the health table, as the log, the step summary and the command show it. */
const HEALTH_COLUMNS = ['Deployment', 'Pods', 'Services', 'Health', 'What was wrong'];
/** A result's cells, in the order of HEALTH_COLUMNS (a result without a health check has none). */
function healthCells({ name, deploymentId, health }) {
    if (!health)
        return [];
    return [
        String(name ?? deploymentId),
        health.pods,
        health.services,
        health.verdict,
        health.reason ?? ''
    ];
}
function logHealthTable(results, logger) {
    logger.info('Health:');
    for (const line of fixedWidthLines([HEALTH_COLUMNS, ...results.map(healthCells)])) {
        logger.info(line);
    }
}

;// CONCATENATED MODULE: ./src/restart/engine.ts















/**
 * Restarts ArcGIS Enterprise on Kubernetes deployments and makes sure they came back: authenticate, read the server's
 * version, resolve the targets, refresh each deployment, poll its job until it ends, check that its pods are ready and
 * that its services answer.
 * Never throws: every way a run can end is a RunEnd.
 */
async function restartDeployments(inputs, io) {
    const progress = { contacted: false };
    try {
        return await run(inputs, io, progress);
    }
    catch (error) {
        if (error instanceof CancelledError)
            return { outcome: 'cancelled' };
        if (!(error instanceof ArcGISRequestError ||
            error instanceof PortalUnusableError ||
            error instanceof HealthCheckError ||
            error instanceof TargetsError)) {
            io.logger.debug(() => `Unexpected error: ${error.stack ?? String(error)}`);
        }
        return {
            outcome: reachedDeadline(error) ? 'timeout' : 'failure',
            error: error.message,
            ...(!progress.contacted && { couldNotStart: true })
        };
    }
}
async function run(inputs, { logger, deploymentLog, sink, secrets, signal }, progress) {
    for (const notice of inputs.notices)
        logger.warning(notice);
    const deadline = new Deadline(inputs.timeoutMs);
    trustCertificates(inputs.caCertificates);
    const http = new PortalHttp({
        portalUrl: inputs.portalUrl,
        logger,
        deadline,
        requestTimeoutMs: inputs.requestTimeoutMs,
        secrets,
        signal,
        words: inputs.vocabulary
    });
    const tokens = tokenSourceFor(inputs.credentials, http, inputs.timeoutMs, logger);
    http.useTokens(tokens);
    const client = new ArcGISAdminClient(http);
    try {
        const version = await firstContact({ url: inputs.portalUrl, http, tokens, client }, inputs.timeoutMs, logger, inputs.vocabulary);
        progress.contacted = true;
        sink.serverVersion(version);
        logger.info(`ArcGIS Enterprise ${version ?? '(version not reported)'} at ${inputs.portalUrl}`);
        if (version && !supportsAsyncJobs(version.raw)) {
            logger.info(`This version has no restart jobs (they came with 10.9.1): each refresh answers when its restart is done, and that answer is the result.`);
        }
        const selection = await resolveTargets(client, inputs, version?.raw, logger);
        const { targets } = selection;
        sink.targets(targets);
        const healing = inputs.restartIf === 'unhealthy' && targets.length > 0;
        if (inputs.dryRun && !healing) {
            sink.inventory(await dryRun(selection, client, logger, (index, result) => sink.update(index, result)));
            return { outcome: 'dry-run' };
        }
        if (targets.length === 0) {
            const allowed = inputs.vocabulary.set('allow-empty', 'true');
            logger.info(`No deployment to restart: the filters matched none, as ${allowed} allows.`);
            return { outcome: 'success' };
        }
        const verifying = inputs.verify && inputs.wait && inputs.waitForReady;
        const checks = verifying || (healing && inputs.verify)
            ? await planChecks(targets, inputs, client, logger)
            : undefined;
        let restarting = targets.map((_, index) => index);
        let health;
        if (healing) {
            health = await checkHealth(targets, inputs.verify ? checks : undefined, {
                client,
                deadline,
                signal,
                maxConcurrency: inputs.maxConcurrency,
                words: inputs.vocabulary
            }, logger);
            const end = judge(targets, health, inputs, sink, logger);
            if (end)
                return end;
            restarting = restarting.filter((index) => health?.[index].verdict === 'unhealthy');
        }
        const chosen = restarting.map((index) => targets[index]);
        const concurrent = inputs.maxConcurrency > 1 && chosen.length > 1;
        const context = {
            client,
            deadline,
            signal,
            wait: inputs.wait,
            waitForReady: inputs.waitForReady,
            pollIntervalMs: inputs.pollIntervalMs,
            portalUrl: inputs.portalUrl,
            words: inputs.vocabulary,
            synchronousRefresh: version !== undefined && !supportsAsyncJobs(version.raw)
        };
        // Results are updated in place as a restart goes on: the verdict goes into the same object.
        const report = (index, result) => {
            if (health)
                result.health = health[index];
            sink.update(index, result);
        };
        const results = await restartAll(chosen, inputs, (target, position) => deploymentLog(describeTarget(target), concurrent, (log) => restartDeployment(target, {
            ...context,
            checks: verifying ? checks?.[restarting[position]] : undefined,
            onChange: (result) => report(restarting[position], result)
        }, log)));
        results.forEach((result, position) => report(restarting[position], result));
        return { outcome: overallOutcome(results) };
    }
    finally {
        http.dispose();
    }
}
/**
 * Reports every verdict and logs the health table; the run's end when nothing is to restart (all healthy, a dry
 * run, the brake), else undefined: the unhealthy are restarted.
 */
function judge(targets, health, inputs, sink, logger) {
    const brake = brakeReason(targets, health, inputs.maxUnhealthy, inputs.vocabulary);
    const unhealthyFields = brake
        ? { status: 'UNHEALTHY', outcome: 'skipped' }
        : inputs.dryRun
            ? { status: 'NOT RESTARTED', outcome: 'dry-run' }
            : { status: PENDING, outcome: 'skipped' };
    const results = targets.map((target, index) => {
        const { verdict } = health[index];
        const fields = verdict === 'healthy'
            ? { status: 'HEALTHY', outcome: 'skipped' }
            : verdict === 'stopped'
                ? { status: 'STOPPED', outcome: 'skipped' }
                : unhealthyFields;
        return resultFor(target, { ...fields, health: health[index] });
    });
    logHealthTable(results, logger);
    results.forEach((result, index) => sink.update(index, result));
    const unhealthy = health.filter((verdict) => verdict.verdict === 'unhealthy').length;
    if (brake && !inputs.dryRun)
        return { outcome: 'failure', error: brake };
    if (brake)
        logger.warning(`The brake would stop this run: ${brake}`);
    if (inputs.dryRun) {
        logger.info(`Dry run: ${brake ? 0 : unhealthy} would restart; none restarted.`);
        return { outcome: 'dry-run' };
    }
    if (unhealthy > 0)
        return undefined;
    const stopped = health.length - health.filter((verdict) => verdict.verdict === 'healthy').length;
    logger.info(stopped === 0
        ? 'Every deployment checked is healthy: nothing to restart.'
        : `No deployment checked is unhealthy (${stopped} stopped, left alone): nothing to restart.`);
    return { outcome: 'success' };
}
function reachedDeadline(error) {
    return error instanceof ArcGISRequestError && error.detail.deadline === true;
}

;// CONCATENATED MODULE: ./src/action/action-log.ts

/** The runner's log as a Logger: debug lines are built only when RUNNER_DEBUG is on. */
const runnerLogger = prefixedLog('');
/**
 * Runs one deployment's `work` with its log, each line written once. Restarts that run one after another each get a
 * log group, written live and closed however `work` ends. Restarts that run at once (`concurrent`) cannot use groups,
 * which do not interleave: each of their lines is written live with the deployment's name in front.
 */
async function deploymentLog(name, concurrent, work) {
    if (concurrent)
        return work(prefixedLog(`[${name}] `));
    startGroup(`Restart ${name}`);
    try {
        // A warning is also an annotation, read away from its group: it names the deployment.
        return await work({
            ...runnerLogger,
            warning: (message) => warning(`${name}: ${message}`)
        });
    }
    finally {
        endGroup();
    }
}
/** The runner's log with `prefix` in front of every line. */
function prefixedLog(prefix) {
    return {
        debug: (message) => {
            if (isDebug())
                core_debug(`${prefix}${message()}`);
        },
        info: (message) => info(`${prefix}${message}`),
        warning: (message) => warning(`${prefix}${message}`)
    };
}

;// CONCATENATED MODULE: ./src/restart/run-report.ts




/**
 * What the engine reports during a run, kept for its end: both faces render the same report (the action into its
 * outputs, log and step summary; the command into its table and --json). Every text it hands out passes through
 * `redact`, since a server may echo a secret anywhere.
 */
class RunReport {
    redact;
    started = Date.now();
    results = [];
    inventoryRows = [];
    version;
    constructor(redact) {
        this.redact = redact;
    }
    serverVersion(version) {
        this.version = version;
    }
    targets(targets) {
        this.results = pendingResults(targets);
    }
    update(index, result) {
        this.results[index] = result;
    }
    inventory(rows) {
        this.inventoryRows = rows;
    }
    /** The results so far, redacted. */
    redactedResults() {
        return this.results.map((result) => redactResult(result, this.redact));
    }
    /** The run's end: after a cancellation, `logger` hears where each submitted restart can be followed. */
    finish({ outcome, error }, logger) {
        const durationMs = Date.now() - this.started;
        // A restart the cancellation came before is one that was not started, as after a failure with fail-fast.
        const results = this.redactedResults().map((result) => outcome === 'cancelled' && result.status === PENDING
            ? { ...result, status: SKIPPED, error: 'Not restarted: the run was cancelled first' }
            : result);
        const reason = error && this.redact(error);
        if (outcome === 'cancelled')
            logCancellation(results, logger);
        return {
            results,
            inventory: this.inventoryRows,
            version: this.version,
            outcome,
            error: reason,
            durationMs,
            notes: [...resultNotes(results), ...stoppedServiceNotes(results)],
            failure: failureMessage(results, outcome, reason),
            tally: runTally(results, outcome, durationMs),
            jobStatus: overallJobStatus(results, outcome),
            restarted: results.filter(wasRefreshed).map((result) => result.deploymentId)
        };
    }
}
/** The report as one JSON document: the command's --json, whose `results` are also the action's `results` output. */
function publicReport(report) {
    return {
        outcome: report.outcome,
        // A run that ran no restart job (a dry run, one that ended before any refresh) has no job status, not an empty one.
        ...(report.jobStatus !== '' && { jobStatus: report.jobStatus }),
        error: report.failure ?? null,
        serverVersion: report.version ?? null,
        durationSeconds: Math.round(report.durationMs / 1000),
        restarted: report.restarted,
        results: report.results.map(publicResult),
        ...(report.outcome === 'dry-run' && { deployments: report.inventory.map(inventoryEntry) })
    };
}
/** The columns of the results table, as both faces show it. */
const RESULT_COLUMNS = ['Deployment', 'Id', 'Job', 'Status', 'Ready', 'Verified', 'Duration'];
/** A result's cells, in the order of RESULT_COLUMNS; '' where nothing is known. */
function resultCells(result) {
    return [
        [result.name, result.service && `(${result.service})`].filter(Boolean).join(' '),
        result.deploymentId,
        String(result.jobId ?? ''),
        result.status,
        yesNo(result.ready),
        yesNo(result.verified),
        result.outcome === 'skipped' ? '' : formatDuration(result.durationSeconds * 1000)
    ];
}
/** `yes`, `no`, or '' when it was not checked. */
function yesNo(value) {
    return value === null ? '' : value ? 'yes' : 'no';
}
/**
 * COMPLETED when every job completed, else the status of the first that did not; SUBMITTED without waiting. The
 * deployments a health check left alone ran no job: they do not count, and when none restarted it is ''.
 */
function overallJobStatus(results, outcome) {
    if (outcome === 'submitted')
        return 'SUBMITTED';
    const restarts = results.filter((result) => !HEALTH_STATUSES.includes(result.status));
    if (outcome === 'dry-run' || restarts.length === 0)
        return '';
    return restarts.find((result) => result.status !== 'COMPLETED')?.status ?? 'COMPLETED';
}
/** Whether its refresh was sent (or being sent): neither left alone, nor skipped, nor a dry run. */
function wasRefreshed(result) {
    return result.outcome !== 'skipped' && result.outcome !== 'dry-run';
}
/** A result as the `results` output and the command's JSON show it: every field present, null when unknown. */
function publicResult(result) {
    return {
        deploymentId: result.deploymentId,
        name: result.name ?? null,
        service: result.service ?? null,
        jobId: result.jobId ?? null,
        jobsUrl: result.jobsUrl ?? null,
        status: result.status,
        ready: result.ready,
        verified: result.verified,
        durationSeconds: result.durationSeconds,
        error: result.error ?? null,
        messages: keptMessages(result.messages ?? []),
        stoppedServices: result.stoppedServices ?? [],
        note: result.note ?? null,
        health: result.health?.verdict ?? null,
        healthReason: result.health?.reason ?? null
    };
}
/** How much of a failed job's messages `results` keeps for each deployment, in characters. */
const KEPT_MESSAGES_LENGTH = 16 * 1024;
/**
 * A job's messages as data, exactly as the server sent them, up to KEPT_MESSAGES_LENGTH characters in all (the last
 * one kept cut there): a server can send megabytes, and an output is read by later steps.
 */
function keptMessages(messages) {
    const kept = [];
    let room = KEPT_MESSAGES_LENGTH;
    for (const [index, message] of messages.entries()) {
        if (room <= 0) {
            kept.push(`… ${messages.length - index} more messages not kept`);
            break;
        }
        kept.push(message.raw.slice(0, room));
        room -= message.raw.length;
    }
    return kept;
}
/** Why the run did not succeed, one line per cause, or undefined when it did. */
function failureMessage(results, outcome, error) {
    if (outcome === 'success' || outcome === 'submitted' || outcome === 'dry-run')
        return undefined;
    const lines = results
        .filter((result) => result.outcome === 'failure' || result.outcome === 'timeout')
        .map((result) => `${describeResult(result)}: ${result.error ?? result.status}`);
    if (error)
        lines.unshift(error);
    if (outcome === 'cancelled')
        lines.unshift('The run was cancelled; submitted restarts go on in the cluster.');
    if (outcome === 'timeout')
        lines.unshift('The restart did not finish before the timeout.');
    return lines.join('\n');
}
/** What the user should know of restarts that did not fail (a lost job record), one line each. */
function resultNotes(results) {
    return results
        .filter((result) => result.note && !result.error)
        .map((result) => `${describeResult(result)}: ${result.note}`);
}
/** The services that verification left out because they are stopped, one line per deployment. */
function stoppedServiceNotes(results) {
    return results.flatMap(({ stoppedServices = [], ...result }) => stoppedServices.length > 0
        ? [`${describeResult(result)}: ${stoppedNotChecked(stoppedServices)}`]
        : []);
}
/** After a cancellation the restarts go on in the cluster: says where to follow each one. */
function logCancellation(results, logger) {
    for (const result of results) {
        if (result.jobId) {
            const url = result.jobsUrl ? `: ${result.jobsUrl}` : '';
            logger.info(`Job ${result.jobId} of ${describeResult(result)} was submitted and goes on in the cluster (last status ${result.status})${url}`);
        }
        else if (result.status === REFRESHING) {
            logger.warning(`The refresh of ${describeResult(result)} was being sent when the run was cancelled: the restart may have started; check the deployment.`);
        }
    }
}
/**
 * The run in one line, for the end of the log: `3 of 3 deployments restarted in 2m10s`. A restart whose job record
 * was lost succeeded on its pods' readiness alone: it is told as what was seen, `ready again`, never as `restarted`.
 */
function runTally(results, outcome, durationMs) {
    const took = formatDuration(durationMs);
    if (results.some((result) => result.health))
        return healthTally(results, outcome, took);
    const total = deployments(results.length);
    if (outcome === 'dry-run')
        return `Dry run: ${total} would restart; none restarted (${took})`;
    if (results.length === 0)
        return `No deployment restarted (${outcome} after ${took})`;
    const { lead, tail } = restartsTold(results, ` of ${total}`);
    if (outcome === 'cancelled')
        return `${lead} before the run was cancelled after ${took}${tail}`;
    const others = otherOutcomes(results);
    return `${lead} in ${took}${others.length ? ` (${others.join(', ')})` : ''}${tail}`;
}
function deployments(count) {
    return `${count} deployment${count === 1 ? '' : 's'}`;
}
/**
 * The restarts that succeeded, as what was seen: `2 of 3 restarted`, or `ready again` for those whose job could not
 * be followed, which the tail says (`of` is what they are counted of, `' of 3 deployments'` or '').
 */
function restartsTold(results, of) {
    const unfollowed = results.filter(jobNotFollowed).length;
    const seen = results.filter((result) => result.outcome === 'success').length - unfollowed;
    const lead = unfollowed === 0
        ? `${seen}${of} restarted`
        : seen === 0
            ? `${unfollowed}${of} ready again`
            : `${seen}${of} restarted and ${unfollowed} ready again`;
    const tail = unfollowed === 0
        ? ''
        : seen === 0
            ? `; ${unfollowed === 1 ? 'its restart job' : 'their restart jobs'} could not be followed`
            : `; the restart job of ${unfollowed === 1 ? 'the one' : 'those'} ready again could not be followed`;
    return { lead, tail };
}
/** `1 failed, 2 skipped`: the restarts that did not succeed, by outcome. */
function otherOutcomes(results) {
    const count = (wanted) => results.filter((result) => result.outcome === wanted).length;
    return [
        ['submitted', 'submitted, not awaited'],
        ['failure', 'failed'],
        ['timeout', 'timed out'],
        ['skipped', 'skipped']
    ]
        .filter(([wanted]) => count(wanted) > 0)
        .map(([wanted, what]) => `${count(wanted)} ${what}`);
}
/** A restart that succeeded although its job was not seen to complete (its record was lost): the pods decided. */
function jobNotFollowed(result) {
    return result.outcome === 'success' && result.status === UNKNOWN;
}
/**
 * A run of restart-if: unhealthy in one line: `12 deployments checked: 11 healthy, 1 restarted
 * (parcels-featureserver: 0/1 pods ready) in 2m10s`. Only the unhealthy ones' outcomes are restarts: the healthy and
 * the stopped were left alone.
 */
function healthTally(results, outcome, took) {
    const withVerdict = (verdict) => results.filter((result) => result.health?.verdict === verdict);
    const why = (some) => some
        .map((result) => `${result.name ?? result.deploymentId}: ${result.health?.reason}`)
        .join('; ');
    const healthy = withVerdict('healthy').length;
    const stopped = withVerdict('stopped').length;
    const unhealthy = withVerdict('unhealthy');
    const parts = [
        unhealthy.length === 0 && stopped === 0 ? 'all healthy' : `${healthy} healthy`,
        ...(stopped > 0 ? [`${stopped} stopped, left alone`] : [])
    ];
    const refreshed = unhealthy.filter(wasRefreshed);
    let tail = '';
    if (unhealthy.length === 0) {
        parts.push('none restarted');
    }
    else if (outcome === 'dry-run') {
        parts.push(`${unhealthy.length} would restart (${why(unhealthy)})`);
    }
    else if (refreshed.length === 0) {
        parts.push(`${unhealthy.length} unhealthy, none restarted (${why(unhealthy)})`);
    }
    else {
        const succeeded = unhealthy.filter((result) => result.outcome === 'success');
        const told = restartsTold(unhealthy, '');
        tail = told.tail;
        parts.push(`${told.lead}${succeeded.length ? ` (${why(succeeded)})` : ''}`, ...otherOutcomes(unhealthy));
    }
    const prefix = outcome === 'dry-run' ? 'Dry run: ' : '';
    const end = outcome === 'cancelled' ? `, then the run was cancelled after ${took}` : ` in ${took}`;
    return `${prefix}${deployments(results.length)} checked: ${parts.join(', ')}${end}${tail}`;
}
/** A row of a dry run's table, for the JSON document: what a script needs to find a deployment's id. */
function inventoryEntry({ deployment, replicasReady, wouldRestart }) {
    return {
        deploymentId: deployment.id,
        name: deployment.name ?? null,
        type: deployment.type ?? null,
        mode: deployment.mode ?? null,
        configuredState: deployment.configuredState ?? null,
        replicasReady,
        wouldRestart
    };
}

;// CONCATENATED MODULE: ./src/action/report.ts






/**
 * The action's face of the run report: sets the outputs as soon as each value is known, so they exist even when the
 * step fails or is cancelled, and writes the step summary once at the end. Every output is set on every path, empty
 * where nothing is known, so that a step reading them finds each one whatever happened.
 */
class Reporter {
    report;
    portalUrl;
    finished = false;
    jobIdsWritten;
    /** The outputs known only part way through a run, until they are set. */
    unset = new Set(['deployment-id', 'job-id', 'jobs-url', 'server-version']);
    constructor(redact) {
        this.report = new RunReport(redact);
    }
    /** What the inputs tell before anything is sent: the deployments as they name them (until resolved), the portal. */
    start({ deployments, portalUrl }) {
        this.portalUrl = portalUrl;
        this.setDeploymentIds(deployments);
    }
    setDeploymentIds(ids) {
        this.setOutput('deployment-id', ids.join(','));
    }
    targets(targets) {
        this.report.targets(targets);
        this.setDeploymentIds(this.report.redactedResults().map((result) => result.deploymentId));
        this.setJobOutputs();
    }
    /** A new job id reaches the outputs right away. */
    update(index, result) {
        this.report.update(index, result);
        this.setJobOutputs();
    }
    /** Sets job-id and jobs-url when they changed (results are updated in place as restarts go on). */
    setJobOutputs() {
        const results = this.report.redactedResults();
        const jobIds = results.map((result) => result.jobId ?? '').join(',');
        if (jobIds === this.jobIdsWritten)
            return;
        this.jobIdsWritten = jobIds;
        this.setOutput('job-id', jobIds);
        this.setOutput('jobs-url', results.map((result) => result.jobsUrl ?? '').join(','));
    }
    inventory(rows) {
        this.report.inventory(rows);
    }
    serverVersion(version) {
        this.report.serverVersion(version);
        this.setOutput('server-version', version?.raw ?? '');
    }
    setOutput(name, value) {
        setOutput(name, value);
        this.unset.delete(name);
    }
    /** Writes the final outputs and the summary, once, and fails the step unless the outcome is a good one. */
    async finish(end) {
        if (this.finished)
            return;
        this.finished = true;
        const view = this.report.finish(end, runnerLogger);
        const document = publicReport(view);
        setOutput('job-status', view.jobStatus);
        setOutput('outcome', view.outcome);
        setOutput('results', JSON.stringify(document.results));
        setOutput('restarted', document.restarted.join(','));
        setOutput('duration-seconds', String(document.durationSeconds));
        for (const name of this.unset)
            this.setOutput(name, '');
        if (view.failure)
            setFailed(view.failure);
        try {
            await this.writeSummary(view);
        }
        catch (summaryError) {
            warning(`The step summary could not be written: ${summaryError.message}`);
        }
        info(view.tally);
    }
    /**
     * The job id, linked to the job under the portal URL (never to a host the server named): the only link the
     * summary has. cell() escapes the quote too, since one can reach the attribute: the URL parser percent-encodes `"`
     * in a path and encodeURIComponent in the job id, but keeps it in a host (`https://a"b.example/arcgis`).
     */
    jobCell(jobId) {
        if (!jobId)
            return '';
        if (!this.portalUrl)
            return cell(String(jobId));
        return `<a href="${cell(jobUrl(this.portalUrl, jobId))}">${cell(String(jobId))}</a>`;
    }
    async writeSummary({ results, inventory, version, outcome, error, notes, tally }) {
        if (!process.env.GITHUB_STEP_SUMMARY)
            return;
        const summary = summary_summary.addHeading(`ArcGIS deployment restart: ${outcome}`, 3);
        if (version)
            summary.addRaw(`ArcGIS Enterprise ${cell(String(version))}`, true);
        if (results.length === 0 && outcome === 'success') {
            summary.addRaw('No deployment matched: nothing was restarted (allow-empty is true).', true);
        }
        if (results.some((result) => result.health)) {
            summary
                .addHeading('Health', 4)
                .addTable([
                headerRow(HEALTH_COLUMNS),
                ...results.map((result) => healthCells(result).map(cell))
            ]);
        }
        if (results.length > 0) {
            summary.addTable([
                headerRow(RESULT_COLUMNS),
                ...results.map((result) => {
                    const cells = resultCells(result).map(cell);
                    cells[RESULT_COLUMNS.indexOf('Job')] = this.jobCell(result.jobId);
                    return cells;
                })
            ]);
            summary.addRaw(cell(tally), true);
        }
        if (inventory.length > 0) {
            summary
                .addHeading('Deployments', 4)
                .addTable([
                headerRow(INVENTORY_COLUMNS),
                ...inventory.map((row) => inventoryCells(row).map(cell))
            ]);
        }
        const problems = [
            ...(error ? [error] : []),
            ...results
                .filter((result) => result.error)
                .map((result) => `${describeResult(result)}: ${result.error}`)
        ];
        if (problems.length > 0) {
            summary.addHeading('What went wrong', 4).addList(problems.map(cell));
        }
        if (notes.length > 0)
            summary.addHeading('Worth knowing', 4).addList(notes.map(cell));
        const length = summary.stringify().length;
        if (length > SUMMARY_LIMIT) {
            summary
                .emptyBuffer()
                .addHeading(`ArcGIS deployment restart: ${outcome}`, 3)
                .addRaw(`The summary of this run would be ${length} characters, over GitHub's limit: the log and the results output have the details.`, true);
        }
        await summary.write();
    }
}
function headerRow(titles) {
    return titles.map((data) => ({ data, header: true }));
}
/**
 * GitHub drops a step summary over 1 MiB. Each server text in it is an excerpt and each list of messages is short, so
 * only a run of very many deployments comes near; it then gets a summary that says where the details are.
 */
const SUMMARY_LIMIT = 512 * 1024;
/** What GitHub's Markdown would read as HTML, a link, an image, a code span or a table's edge. */
const MARKUP = /[&<>"[\]!`|]/g;
const ENTITIES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    '[': '&#91;',
    ']': '&#93;',
    '!': '&#33;',
    '`': '&#96;',
    '|': '&#124;'
};
/** Text inert inside a summary table cell or list item: no markup, and one line. */
function cell(text) {
    return text
        .replace(MARKUP, (char) => ENTITIES[char] ?? char)
        .replace(/\r\n|[\n\r\u2028\u2029]/g, ' ');
}

;// CONCATENATED MODULE: ./src/action/main.ts







/**
 * The action: mask the secrets, read and check the inputs, restart the deployments and make sure they came back,
 * then set the outputs, write the step summary and fail the step with the reason when a restart did not succeed.
 */
async function main_run(signal) {
    const secrets = new Secrets((secret) => core_setSecret(secret));
    for (const secret of secretValues((name) => getInput(name)))
        secrets.add(secret);
    const reporter = new Reporter((text) => secrets.redact(text));
    let inputs;
    try {
        inputs = parseInputs((name) => getInput(name), INPUT_VOCABULARY);
    }
    catch (error) {
        await reporter.finish({ outcome: 'failure', error: error.message });
        return;
    }
    reporter.start(inputs);
    const end = await restartDeployments(inputs, {
        logger: runnerLogger,
        deploymentLog: deploymentLog,
        sink: reporter,
        secrets,
        signal
    });
    await reporter.finish(end);
}


/***/ }),

/***/ 864:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ cancelOnSignals)
/* harmony export */ });
/* unused harmony export signalExitCode */
/** The runner sends SIGINT on cancellation and SIGTERM 7.5 s later; a person's Ctrl-C wants the same promptness. */
const CANCEL_GRACE_MS = 1_500;
/**
 * An AbortSignal that aborts on SIGINT or SIGTERM, with the signal's name as its reason. The run then unwinds and
 * reports what it has; should an exchange refuse to end, the process exits with `exitCode(signal)` after a short grace.
 */
function cancelOnSignals(exitCode = () => 1) {
    const cancellation = new AbortController();
    for (const signal of ['SIGINT', 'SIGTERM']) {
        process.once(signal, () => {
            cancellation.abort(signal);
            setTimeout(() => process.exit(exitCode(signal)), CANCEL_GRACE_MS).unref();
        });
    }
    return cancellation.signal;
}
/** The shell's convention for a process ended by a signal: 128 + its number (SIGINT 2, SIGTERM 15). */
function signalExitCode(signal) {
    return signal === 'SIGINT' ? 130 : 143;
}


/***/ }),

/***/ 613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 23:
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
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
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
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(218);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
