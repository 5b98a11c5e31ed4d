export { cedulaCheckDigit, isIdProvinceCode, isValidCedula } from './cedula';
export { RUC_WARNING, checkRuc, modulo11CheckDigit, type RucCheck, type RucKind } from './ruc';
export { describeIdDocument, type IdDocumentDescription, type IdDocumentKind } from './id-document';
