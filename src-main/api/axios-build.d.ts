// axios's platform-neutral CommonJS build has no declaration file of its own: it is the same API as the package's.
declare module 'axios/dist/browser/axios.cjs' {
  import axios from 'axios';
  export default axios;
}
