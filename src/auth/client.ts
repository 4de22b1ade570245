/** The OAuth client the admin registers on Chatwork: its default redirect, and the shape of its ID and secret. */
export const DEFAULT_REDIRECT_URI = 'https://127.0.0.1:8976/oauth2/chatwork/';
export const CLIENT_ID_SHAPE = /^[A-Za-z0-9._~-]{8,128}$/;
export const CLIENT_SECRET_SHAPE = /^[\x21-\x7e]{8,256}$/;
