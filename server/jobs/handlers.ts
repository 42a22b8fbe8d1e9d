// Every job handler, registered by importing the modules that define them. The worker (and tests
// that run jobs) import this file once.
import "../actions/notifications";
import "../decisions/closing";
import "../messages/email";
