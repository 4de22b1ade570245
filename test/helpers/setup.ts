// No test may reach a host other than 127.0.0.1. A test that forgets to point the CLI
// somewhere gets a refused connection on a dead loopback port, never the real Chatwork.
process.env.CHATWORK_API_URL = 'http://127.0.0.1:9/v2';
process.env.CHATWORK_OAUTH_AUTHORIZE_URL = 'http://127.0.0.1:9/packages/oauth2/login.php';
process.env.CHATWORK_OAUTH_TOKEN_URL = 'http://127.0.0.1:9/token';
delete process.env.HIMANAGER_CHATWORK_CLIENT_SECRET;
delete process.env.HIMANAGER_CHATWORK_CONFIG_DIR;
delete process.env.HIMANAGER_CHATWORK_SECRET_STORE;
